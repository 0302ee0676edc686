import { z } from 'zod';
import { defineOperation } from '../define.js';
import { PathId } from '../schemas/ids.js';
import {
  AMBIGUOUS_ALPHA, CalibrationDetail, CalibrationInput, CalibrationResults, CalibrationSummary, ConsensusInput, SaveAnswersInput, SaveAnswersResult,
} from '../schemas/calibrations.js';

const summary: CalibrationSummary = {
  id: 4, name: 'May billing calibration', rubricId: 1, rubricName: 'Standard QA', rubricVersion: 3, status: 'open', dueOn: '2024-05-17',
  createdBy: 'lena', createdAt: '2024-05-10T08:00:00.000Z', closedAt: null, calls: 5,
  participants: [{ userId: 3, name: 'Sam Lee', submittedAt: null }, { userId: 4, name: 'Rita Ortiz', submittedAt: '2024-05-12T15:02:00.000Z' }],
  me: { lead: false, participant: true, submitted: false, seesResults: false },
};
const call = { recordingId: 12, fileName: '2024-05-03_dana-ruiz_8812.wav', agent: 'Dana Ruiz', callAt: '2024-05-03T09:41:00.000Z', durationSec: 312.4 };
const criterion = { id: 'greeting', section: 'Opening', question: 'Did the agent greet the customer by name?', guidance: '', type: 'yes_no' as const, weight: 10, allowNa: false, autoFail: false };

/**
 * Calibration sessions: for reviewers and leads (accounts: CCA_AUTH=users). Every one is `blind: 'safe'`:
 * each answers only what the caller may see (their own answers while scoring; results once submitted).
 */
export const calibrationOperations = {
  'calibrations.list': defineOperation({
    method: 'GET', path: '/api/v1/calibrations', tag: 'calibrations', role: 'reviewer', blind: 'safe',
    summary: 'Calibration sessions the caller leads or scores (a lead or admin: every session), newest first.',
    input: z.object({}), output: z.array(CalibrationSummary),
    example: { input: {}, output: [summary] },
  }),
  'calibrations.create': defineOperation({
    method: 'POST', path: '/api/v1/calibrations', tag: 'calibrations', role: 'lead', blind: 'safe',
    summary: 'Start a calibration session: calls and reviewers (or leads) who score them blind against the rubric\'s current version; the caller leads it. Audited.',
    input: CalibrationInput, output: CalibrationSummary,
    example: { input: { name: 'May billing calibration', recordingIds: [12, 15, 18], participantIds: [3, 4], dueOn: '2024-05-17' }, output: { ...summary, me: { lead: true, participant: false, submitted: false, seesResults: true } } },
  }),
  'calibrations.get': defineOperation({
    method: 'GET', path: '/api/v1/calibrations/{id}', tag: 'calibrations', role: 'reviewer', blind: 'safe',
    summary: 'One session as its participant scores it: the rubric\'s criteria, the calls, and the caller\'s own answers (never anyone else\'s, nor the AI\'s).',
    input: z.object({ id: PathId }), output: CalibrationDetail,
    example: { input: { id: 4 }, output: { ...summary, criteria: [criterion], callList: [call], myAnswers: [{ recordingId: 12, criterionId: 'greeting', answer: 'yes', comment: '' }] } },
  }),
  'calibrations.saveAnswers': defineOperation({
    method: 'POST', path: '/api/v1/calibrations/{id}/answers', tag: 'calibrations', role: 'reviewer', blind: 'safe',
    summary: 'Save the caller\'s answers as a draft, or submit them (submit: true, every call × criterion answered): final, audited, and the results open to the caller.',
    input: SaveAnswersInput.extend({ id: PathId }), output: SaveAnswersResult,
    example: { input: { id: 4, answers: [{ recordingId: 12, criterionId: 'greeting', answer: 'yes', comment: '' }], submit: false }, output: { saved: 1, missing: 4, submittedAt: null } },
  }),
  'calibrations.results': defineOperation({
    method: 'GET', path: '/api/v1/calibrations/{id}/results', tag: 'calibrations', role: 'reviewer', blind: 'safe',
    summary: `Per criterion: each reviewer's answer, the AI's, percent agreement and Krippendorff's alpha among reviewers and with the AI, the lead's consensus, and whether it is ambiguous (alpha < ${AMBIGUOUS_ALPHA}); per reviewer: agreement with the consensus. For the session's lead and participants who submitted.`,
    input: z.object({ id: PathId }), output: CalibrationResults,
    example: {
      input: { id: 4 },
      output: {
        session: summary, callList: [call], threshold: AMBIGUOUS_ALPHA,
        reviewers: [{ userId: 3, name: 'Sam Lee', matchesConsensus: 0.8, compared: 5 }, { userId: 4, name: 'Rita Ortiz', matchesConsensus: 1, compared: 5 }],
        criteria: [{
          criterionId: 'greeting', section: 'Opening', question: criterion.question, type: 'yes_no', level: 'nominal',
          amongReviewers: { percent: 0.8, alpha: 0.55, pairs: 5 }, withAi: { percent: 0.73, alpha: 0.48, pairs: 15 }, reviewersMatchAi: 0.7, ambiguous: true,
          calls: [{ recordingId: 12, answers: ['yes', 'no'], ai: 'yes', consensus: 'yes' }],
        }],
      },
    },
  }),
  'calibrations.setConsensus': defineOperation({
    method: 'PUT', path: '/api/v1/calibrations/{id}/consensus', tag: 'calibrations', role: 'lead', blind: 'safe',
    summary: 'The session lead\'s consensus answer for one criterion of one call (answer null clears it). Audited.',
    input: ConsensusInput.extend({ id: PathId }), output: z.object({ ok: z.literal(true) }),
    example: { input: { id: 4, recordingId: 12, criterionId: 'greeting', answer: 'yes' }, output: { ok: true } },
  }),
  'calibrations.close': defineOperation({
    method: 'POST', path: '/api/v1/calibrations/{id}/close', tag: 'calibrations', role: 'lead', blind: 'safe',
    summary: 'Close the session (its lead): no more answers; participants who had not submitted are no longer blind. Audited.',
    input: z.object({ id: PathId }), output: CalibrationSummary,
    example: { input: { id: 4 }, output: { ...summary, status: 'closed', closedAt: '2024-05-18T09:00:00.000Z' } },
  }),
};
