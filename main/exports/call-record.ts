import type { CallRows as StoredCallRows } from '../../db/dao/call-documents-dao.js';
import type { TranscriptEdit } from '../../preload/contract/schemas/reviews.js';
import type { Daos } from '../../db/daos.js';
import type { CallAnalysis, CriterionAnswer, ScorecardCriterion } from '../../preload/contract/schemas/analysis.js';
import type { FinalScore } from '../../preload/contract/schemas/reviews.js';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import { finalScoreWithAnswers } from '../analysis/final-score.js';
import { pointsFor } from '../analysis/scoring.js';
import { AppError } from '../errors.js';
import { applyCorrections } from './corrections.js';

/**
 * Everything one call's documents (report, evidence pack, transcript files) show, read in one place
 * from the tables the other domains own: the recording, its transcript, its current analysis, the
 * reviewer's per-criterion overrides (call_criteria), review state (call_summary) and transcript
 * corrections (ReviewsDao.edits, read and applied here so every document shows the corrected text). Read-only
 * queries on a reader connection: exports never block the queue's writes.
 */
export interface CallMeta {
  id: number;
  fileName: string;
  audioPath: string;
  codec: string;
  container: string;
  durationSec: number;
  callAt: string;
  agent: string | null;
  customer: string | null;
  queue: string | null;
  campaign: string | null;
  direction: string | null;
  externalCallId: string | null;
  status: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
  /** The final outcome and reason for the call (the reviewer's where overridden; null before analysis). */
  outcome: string | null;
  callReason: string | null;
}

export interface CriterionOverride {
  aiAnswer: string;
  finalAnswer: string;
  overridden: boolean;
}

export interface CallRecord {
  meta: CallMeta;
  transcript: NormalizedTranscript | null;
  analysis: CallAnalysis | null;
  analysisModel: string | null;
  analyzedAt: string | null;
  overrides: Map<string, CriterionOverride>;
  final: FinalScore | null;
}


export type CallDocumentDaos = Pick<Daos, 'callDocuments' | 'reviews'>;

/** A call's rows, as its documents read them, with the reviewer's transcript corrections. */
export type CallRows = StoredCallRows & { edits: TranscriptEdit[] };

export function readCallRows(daos: CallDocumentDaos, recordingId: number, opts: { bodyBytes?: boolean } = {}): CallRows {
  const rows = daos.callDocuments.rows(recordingId, opts);
  if (!rows) throw new AppError('not_found', `Recording ${recordingId} does not exist.`, 'Check the id in the Calls list.');
  return { ...rows, edits: rows.transcriptBody === null ? [] : daos.reviews.edits(recordingId) };
}

/** The call record from its rows: parse, apply the reviewer's corrections, compute the final score. */
export function buildCallRecord(rows: CallRows): CallRecord {
  const { meta, analysis: a } = rows;
  const overrides = new Map(rows.criteria.map((c) => [c.criterion_id, { aiAnswer: c.ai_answer, finalAnswer: c.final_answer, overridden: !!c.overridden }]));
  const body = rows.transcriptBody;
  const stored = body !== null ? (JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body)) as NormalizedTranscript) : null;
  const { transcript, analysis } = applyCorrections(stored, a ? (JSON.parse(a.body) as CallAnalysis) : null, stored ? rows.edits : []);
  const finalAnswers = new Map([...overrides].filter(([, o]) => o.overridden).map(([id, o]) => [id, o.finalAnswer]));
  return {
    meta: {
      id: meta.id, fileName: meta.file_name, audioPath: meta.audio_path, codec: meta.codec, container: meta.container,
      durationSec: meta.duration_sec, callAt: meta.call_at ?? '', agent: meta.agent, customer: meta.customer, queue: meta.queue,
      campaign: meta.campaign, direction: meta.direction, externalCallId: meta.external_call_id, status: meta.status ?? 'imported',
      reviewedAt: meta.reviewed_at, reviewedBy: meta.reviewed_by, outcome: meta.outcome, callReason: meta.call_reason,
    },
    transcript,
    analysis,
    analysisModel: a?.model ?? null,
    analyzedAt: a?.created_at ?? null,
    overrides,
    final: analysis ? finalScoreWithAnswers(analysis.scorecard, finalAnswers) : null,
  };
}

export function loadCallRecord(daos: CallDocumentDaos, recordingId: number): CallRecord {
  return buildCallRecord(readCallRows(daos, recordingId));
}

/** The answer a report shows for a criterion: the reviewer's when overridden, else the AI's. */
export function shownAnswer(record: CallRecord, criterionId: string, aiAnswer: string): { answer: string; overridden: boolean } {
  const o = record.overrides.get(criterionId);
  return o?.overridden ? { answer: o.finalAnswer, overridden: true } : { answer: aiAnswer, overridden: false };
}

/** The points a report shows for a criterion: the app's scoring (main/analysis/scoring.ts) of the shown answer; null for N/A. */
export function shownPoints(record: CallRecord, c: ScorecardCriterion): number | null {
  const s = shownAnswer(record, c.id, c.answer);
  return s.overridden ? pointsFor({ ...c, answer: s.answer as CriterionAnswer }) : c.score;
}

/** "7.5 / 10": points earned of the weight (the scoring function already rounds to 2 decimals); "—" for N/A. */
export const pointsText = (points: number | null, weight: number) => (points === null ? '—' : `${points} / ${weight}`);
