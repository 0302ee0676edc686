import { createHash } from 'node:crypto';
import { AnalysesDao } from '../../../../db/dao/analyses-dao.js';
import { RecordingsDao } from '../../../../db/dao/recordings-dao.js';
import { RubricsDao } from '../../../../db/dao/rubrics-dao.js';
import { TranscriptsDao } from '../../../../db/dao/transcripts-dao.js';
import type { AppDatabase } from '../../../../db/open.js';
import { DEFAULT_RUBRIC } from '../../../../main/analysis/default-rubric.js';
import { pointsFor, totals } from '../../../../main/analysis/scoring.js';
import type { CallAnalysis, CriterionAnswer, ScorecardCriterion } from '../../../../preload/contract/schemas/analysis.js';
import type { NormalizedTranscript } from '../../../../preload/contract/schemas/transcript.js';
import type { CallTruth } from '../../../helpers/fixtures.js';
import { projectCalls } from '../../../helpers/project-calls.js';
import { truthToTranscript } from '../../../helpers/truth-transcript.js';

/**
 * The shared fixture calls (tests/fixtures/calls.json) as analysed calls in a real database, through
 * the owning DAOs so call_summary / call_criteria triggers run: the truth transcript, the default
 * rubric, and a scorecard whose evidence quotes real segments (card-payment-pii quotes the segment
 * with the card number, so redaction of evidence is tested too).
 */
export interface FixtureCall {
  id: number;
  truth: CallTruth;
  transcript: NormalizedTranscript;
  analysis: CallAnalysis;
}

const answers: Record<string, Record<string, CriterionAnswer>> = {
  'outage-no-disclosure': { recording_disclosure: 'no', empathy: '2', resolution: 'no' },
  'cancel-retention': { empathy: '4', accurate_information: 'n/a' },
};

export function insertFixtureCall(db: AppDatabase, truth: CallTruth, opts: { audioPath?: string; callTime?: string; agent?: string } = {}): FixtureCall {
  const rubrics = new RubricsDao(db);
  const rubric = rubrics.findByName(DEFAULT_RUBRIC.name) ?? rubrics.insert({ ...DEFAULT_RUBRIC, isDefault: true, builtin: true });
  const transcript = truthToTranscript(truth);
  const { id } = new RecordingsDao(db).insert({
    sha256: createHash('sha256').update(`${truth.id}-${opts.callTime ?? ''}-${Math.random()}`).digest('hex'),
    fileName: `${truth.id}.wav`, audioPath: opts.audioPath ?? `/fixtures/${truth.id}.wav`, sizeBytes: 1000, durationSec: truth.duration_s,
    channels: truth.channels, sampleRate: 16000, codec: 'pcm_s16le', container: 'wav', stereoSplit: truth.channels === 2,
    agent: opts.agent ?? truth.agent, queue: truth.queue ?? null, callTime: opts.callTime ?? '2024-05-02T10:15:00', direction: 'inbound', externalCallId: `X-${truth.id}`,
    customer: 'Maria Lopez',
  });
  const hash = `fx-${truth.id}-${id}`;
  new TranscriptsDao(db).upsert({ recordingId: id, provider: 'openai', model: 'gpt-4o-transcribe-diarize', audioSec: truth.duration_s, costUsd: 0.01, contentHash: hash, body: transcript });
  const segs = transcript.segments;
  const quoteFor = (i: number) => ({ quote: segs[Math.min(i, segs.length - 1)]!.text, start: segs[Math.min(i, segs.length - 1)]!.start, end: segs[Math.min(i, segs.length - 1)]!.end });
  const set = answers[truth.id] ?? {};
  const criteria: ScorecardCriterion[] = rubric.criteria.map((c, i) => {
    const answer: CriterionAnswer = set[c.id] ?? (c.type === 'scale_1_5' ? '5' : 'yes');
    return {
      id: c.id, section: c.section, question: c.question, type: c.type, answer, score: pointsFor({ type: c.type, answer, weight: c.weight }), weight: c.weight,
      autoFail: c.autoFail, source: c.rule ? 'rule' : 'ai', rationale: `Assessed from the call (${c.id}).`,
      // The payment call's verification criterion quotes the card-number turn.
      evidence: [truth.id === 'card-payment-pii' && c.id === 'identity_verification' ? quoteFor(5) : quoteFor(i % segs.length)],
    };
  });
  const { earned, possible, scorePct, autoFailedBy } = totals(criteria);
  const analysis: CallAnalysis = {
    summary: truth.id === 'card-payment-pii' ? `Customer paid by card ${segs[5]!.text}` : `Call about ${truth.queue ?? 'an account'}.`,
    callReason: truth.queue ?? 'general', outcome: 'resolved',
    sentiment: { start: 'neutral', end: 'positive', segments: [] }, behaviours: [],
    compliance: [{ item: 'Recording disclosure', status: set.recording_disclosure === 'no' ? 'not_met' : 'met', evidence: [quoteFor(0)] }],
    actionItems: [], coachingNotes: ['Keep the verification step before taking payment details.'], topics: [], flags: [],
    scorecard: { rubricId: rubric.id, rubricName: rubric.name, rubricVersion: rubric.version, criteria, earned, possible, scorePct, autoFailed: autoFailedBy.length > 0, autoFailedBy },
  };
  new AnalysesDao(db).insert({
    recordingId: id, transcriptHash: hash, rubricId: rubric.id, rubricVersion: rubric.version, model: 'gpt-4.1-mini', promptVersion: 'fx-1',
    scorePct, autoFailed: autoFailedBy.length > 0, inputTokens: 1, outputTokens: 1, costUsd: 0.001, body: analysis,
  });
  projectCalls(db, [id]);
  return { id, truth, transcript, analysis };
}
