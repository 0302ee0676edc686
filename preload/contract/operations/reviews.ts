import { z } from 'zod';
import { PathId } from '../schemas/ids.js';
import { defineOperation } from '../define.js';
import { CriterionAnswer, Outcome } from '../schemas/analysis.js';
import { AuditEntryView, PendingAcknowledgement, ReviewView } from '../schemas/reviews.js';

const RecordingId = PathId;

const exampleReview: ReviewView = {
  recordingId: 12, reviewed: true, reviewedAt: '2024-05-03T10:02:11.000Z', reviewedBy: 'local-user',
  overrides: [{ criterionId: 'empathy', answer: '4', comment: 'Acknowledged the double charge twice.', aiAnswer: '2', actor: 'local-user', updatedAt: '2024-05-03T10:01:40.000Z' }],
  comments: [{ id: 3, atSec: 41.2, text: 'Good recovery after the hold.', coaching: true, actor: 'local-user', createdAt: '2024-05-03T10:01:55.000Z' }],
  edits: [{ segmentIndex: 4, originalText: 'your car ending 4 2 1 1', text: 'your card ending 4 2 1 1', actor: 'local-user', updatedAt: '2024-05-03T10:00:12.000Z' }],
  complianceOverrides: [],
  complianceReasons: [],
  finalScore: { earned: 92.5, possible: 100, scorePct: 92.5, autoFailed: false, autoFailedBy: [], aiScorePct: 85, overridden: 1, points: { empathy: 11.25, recording_disclosure: 15 } },
  outcome: { outcome: 'resolved', callReason: 'Double charge on the May invoice', aiOutcome: 'resolved', aiCallReason: 'Double charge on the May invoice', override: null },
  acknowledgement: null,
  disputes: [],
};

/** Every change answers with the whole review, so the UI never has to merge partial state. */
export const reviewOperations = {
  'reviews.get': defineOperation({
    method: 'GET', path: '/api/v1/recordings/{id}/review', tag: 'reviews', role: 'agent', scope: 'recording',
    summary: 'The reviewer\'s work on a call: overrides, comments, reviewed state, transcript corrections and the final score with overrides.',
    input: z.object({ id: RecordingId }),
    output: ReviewView,
    example: { input: { id: 12 }, output: exampleReview },
  }),
  'reviews.setReviewed': defineOperation({
    method: 'PUT', path: '/api/v1/recordings/{id}/review', tag: 'reviews', role: 'reviewer',
    summary: 'Mark the call reviewed or not reviewed (audited).',
    input: z.object({ id: RecordingId, reviewed: z.boolean() }),
    output: ReviewView,
    example: { input: { id: 12, reviewed: true }, output: exampleReview },
  }),
  'reviews.override': defineOperation({
    method: 'PUT', path: '/api/v1/recordings/{id}/overrides/{criterionId}', tag: 'reviews', role: 'reviewer',
    summary: 'Override one criterion\'s answer; a comment saying why is required. The final score is recomputed and the change audited.',
    input: z.object({
      id: RecordingId,
      criterionId: z.string().min(1).max(64),
      answer: CriterionAnswer,
      comment: z.string().trim().min(1, 'say why you changed the answer').max(2000),
    }),
    output: ReviewView,
    example: { input: { id: 12, criterionId: 'empathy', answer: '4', comment: 'Acknowledged the double charge twice.' }, output: exampleReview },
  }),
  'reviews.clearOverride': defineOperation({
    method: 'DELETE', path: '/api/v1/recordings/{id}/overrides/{criterionId}', tag: 'reviews', role: 'reviewer',
    summary: 'Go back to the AI\'s answer for one criterion (audited).',
    input: z.object({ id: RecordingId, criterionId: z.string().min(1).max(64) }),
    output: ReviewView,
    example: { input: { id: 12, criterionId: 'empathy' }, output: { ...exampleReview, overrides: [] } },
  }),
  'reviews.overrideCompliance': defineOperation({
    method: 'PUT', path: '/api/v1/recordings/{id}/compliance/{index}', tag: 'reviews', role: 'reviewer',
    summary: 'Set the status of one of the AI\'s compliance items (its position in the analysis, from 0); a comment saying why is required. The Compliance flag is recomputed and the change audited.',
    input: z.object({
      id: RecordingId,
      index: z.coerce.number().int().min(0).max(500),
      status: z.enum(['met', 'not_met', 'n/a']),
      comment: z.string().trim().min(1, 'say why you changed the status').max(2000),
    }),
    output: ReviewView,
    example: {
      input: { id: 12, index: 0, status: 'met', comment: 'The disclosure is at 0:02, the AI missed it.' },
      output: { ...exampleReview, complianceOverrides: [{ item: 'Call recording disclosure', status: 'met', comment: 'The disclosure is at 0:02, the AI missed it.', aiStatus: 'not_met', actor: 'local-user', updatedAt: '2024-05-03T10:01:40.000Z' }] },
    },
  }),
  'reviews.clearComplianceOverride': defineOperation({
    method: 'DELETE', path: '/api/v1/recordings/{id}/compliance/{index}', tag: 'reviews', role: 'reviewer',
    summary: 'Go back to the AI\'s status for one compliance item (audited).',
    input: z.object({ id: RecordingId, index: z.coerce.number().int().min(0).max(500) }),
    output: ReviewView,
    example: { input: { id: 12, index: 0 }, output: exampleReview },
  }),
  'reviews.overrideOutcome': defineOperation({
    method: 'PUT', path: '/api/v1/recordings/{id}/outcome', tag: 'reviews', role: 'reviewer',
    summary: 'Override the call\'s outcome (the AI\'s reading of how the whole call ended, not derived from the scorecard) and optionally its reason for the call; a comment saying why is required. The Calls list, Dashboard, exports and the Escalation flag read the final value; audited. A value equal to the AI\'s is no override.',
    input: z.object({
      id: RecordingId,
      outcome: Outcome,
      /** Omitted: the reason stays as it is (the AI's, or an earlier override). */
      callReason: z.string().trim().min(1, 'say what the call was about, or leave the reason out').max(500).optional(),
      comment: z.string().trim().min(1, 'say why you changed the outcome').max(2000),
    }),
    output: ReviewView,
    example: {
      input: { id: 12, outcome: 'unresolved', comment: 'The refund was promised but not raised; the customer will call back.' },
      output: { ...exampleReview, outcome: { outcome: 'unresolved', callReason: 'Double charge on the May invoice', aiOutcome: 'resolved', aiCallReason: 'Double charge on the May invoice', override: { comment: 'The refund was promised but not raised; the customer will call back.', actor: 'local-user', updatedAt: '2024-05-03T10:01:40.000Z' } } },
    },
  }),
  'reviews.clearOutcomeOverride': defineOperation({
    method: 'DELETE', path: '/api/v1/recordings/{id}/outcome', tag: 'reviews', role: 'reviewer',
    summary: 'Go back to the AI\'s outcome and reason for the call (audited).',
    input: z.object({ id: RecordingId }),
    output: ReviewView,
    example: { input: { id: 12 }, output: exampleReview },
  }),
  'reviews.acknowledge': defineOperation({
    method: 'POST', path: '/api/v1/recordings/{id}/acknowledge', tag: 'reviews', role: 'agent', scope: 'recording',
    summary: 'The call\'s agent acknowledges its reviewed scorecard (once; with the final score they saw; audited). Only an agent, only on their own reviewed calls.',
    input: z.object({ id: RecordingId }),
    output: ReviewView,
    example: { input: { id: 12 }, output: { ...exampleReview, acknowledgement: { at: '2024-05-04T08:15:00.000Z', by: 'dana', scorePct: 92.5 } } },
  }),
  'reviews.pendingAcknowledgements': defineOperation({
    method: 'GET', path: '/api/v1/acknowledgements/pending', tag: 'reviews', role: 'lead',
    summary: 'Reviewed calls their agent (who has an account) has not acknowledged yet, oldest review first.',
    input: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
    output: z.array(PendingAcknowledgement),
    example: { input: {}, output: [{ recordingId: 12, fileName: '2024-05-03_dana-ruiz_8812.wav', agent: 'dana', reviewedAt: '2024-05-03T10:02:11.000Z', reviewedBy: 'sam', scorePct: 92.5 }] },
  }),
  'reviews.addComment': defineOperation({
    method: 'POST', path: '/api/v1/recordings/{id}/comments', tag: 'reviews', role: 'reviewer',
    summary: 'Add a comment on the call, optionally at a moment of the audio (seconds). coaching=true addresses it to the call\'s agent as a coaching note: they see it on their call page and are notified (agents see no other comments).',
    input: z.object({ id: RecordingId, text: z.string().trim().min(1).max(4000), atSec: z.number().nonnegative().nullable().optional(), coaching: z.boolean().default(false) }),
    output: ReviewView,
    example: { input: { id: 12, text: 'Good recovery after the hold.', atSec: 41.2 }, output: exampleReview },
  }),
  'reviews.deleteComment': defineOperation({
    method: 'DELETE', path: '/api/v1/recordings/{id}/comments/{commentId}', tag: 'reviews', role: 'reviewer',
    summary: 'Remove a comment (the audit trail keeps what it said).',
    input: z.object({ id: RecordingId, commentId: PathId }),
    output: ReviewView,
    example: { input: { id: 12, commentId: 3 }, output: { ...exampleReview, comments: [] } },
  }),
  'reviews.editTranscript': defineOperation({
    method: 'PUT', path: '/api/v1/recordings/{id}/transcript/edits', tag: 'reviews', role: 'reviewer',
    summary: 'Correct one transcript segment. Stored as an edit over the provider\'s text (never overwriting it); sending the original text removes the edit. Search and exports use the corrected text.',
    input: z.object({ id: RecordingId, segmentIndex: z.number().int().nonnegative(), text: z.string().trim().min(1).max(20_000) }),
    output: ReviewView,
    example: { input: { id: 12, segmentIndex: 4, text: 'your card ending 4 2 1 1' }, output: exampleReview },
  }),
  'reviews.audit': defineOperation({
    method: 'GET', path: '/api/v1/recordings/{id}/audit', tag: 'reviews', role: 'reviewer',
    summary: 'The call\'s audit trail, newest first: who changed what, when, old → new.',
    input: z.object({ id: RecordingId, limit: z.coerce.number().int().min(1).max(1000).default(200) }),
    output: z.array(AuditEntryView),
    example: { input: { id: 12 }, output: [{ id: 88, at: '2024-05-03T10:01:40.000Z', actor: 'local-user', action: 'override', oldValue: { criterionId: 'empathy', answer: '2' }, newValue: { criterionId: 'empathy', answer: '4', comment: 'Acknowledged the double charge twice.' } }] },
  }),
};
