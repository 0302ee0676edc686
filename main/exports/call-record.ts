import { ReviewsDao } from '../../db/dao/reviews-dao.js';
import type { AppDatabase } from '../../db/open.js';
import type { CallAnalysis } from '../../preload/contract/schemas/analysis.js';
import type { TranscriptEdit } from '../../preload/contract/schemas/reviews.js';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import { AppError } from '../errors.js';
import { applyCorrections } from './corrections.js';
import { finalScore, type FinalScore } from './final-score.js';

/**
 * Everything one call's documents (report, evidence pack, transcript files) show, read in one place
 * from the tables the other domains own: the recording, its transcript, its current analysis, the
 * reviewer's per-criterion overrides (call_criteria), review state (call_summary) and transcript
 * corrections (ReviewsDao.edits, applied here so every document shows the corrected text). Read-only
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

export interface MetaRow {
  id: number; file_name: string; audio_path: string; codec: string; container: string; duration_sec: number; call_at: string | null;
  agent: string | null; customer: string | null; queue: string | null; campaign: string | null; direction: string | null;
  external_call_id: string | null; status: string | null; reviewed_at: string | null; reviewed_by: string | null;
}

/**
 * The rows one call's documents are made from, as read: JSON bodies still as text. Reading is cheap;
 * parsing, correcting and redacting a long transcript is not, so the PDF/DOCX exports send these rows
 * (plain, structured-clone-able) to the render worker and buildCallRecord runs there.
 */
export interface CallRows {
  meta: MetaRow;
  /** The transcript JSON; as UTF-8 bytes when read with `bodyBytes` (decoded by buildCallRecord). */
  transcriptBody: string | Uint8Array | null;
  analysis: { body: string; model: string; created_at: string } | null;
  criteria: { criterion_id: string; ai_answer: string; final_answer: string; overridden: number }[];
  edits: TranscriptEdit[];
}

/**
 * `bodyBytes`: read the transcript body as its UTF-8 bytes, not a string. A long call's body is tens
 * of MB (every word with its times); decoding it, and cloning the string to a worker, would cost this
 * thread ~0.3 s, whereas bytes are copied once and then transferred to the worker for free.
 */
export function readCallRows(db: AppDatabase, recordingId: number, opts: { bodyBytes?: boolean } = {}): CallRows {
  const conn = db.reader();
  const meta = db.timed('exports.callRecord', () =>
    conn.prepare(`
      SELECT r.id, r.file_name, r.audio_path, r.codec, r.container, r.duration_sec, coalesce(s.call_at, r.call_time, r.imported_at) AS call_at,
             r.agent, r.customer, r.queue, r.campaign, r.direction, r.external_call_id, coalesce(s.status, r.status) AS status,
             s.reviewed_at, s.reviewed_by
      FROM recordings r LEFT JOIN call_summary s ON s.recording_id = r.id WHERE r.id = ?`).get(recordingId) as MetaRow | undefined,
  );
  if (!meta) throw new AppError('not_found', `Recording ${recordingId} does not exist.`, 'Check the id in the Calls list.');
  const t = conn.prepare(`SELECT ${opts.bodyBytes ? 'CAST(body AS BLOB) AS body' : 'body'} FROM transcripts WHERE recording_id = ?`)
    .get(recordingId) as { body: string | Uint8Array } | undefined;
  // The current analysis is the one call_summary points at, else the newest.
  const a = conn.prepare(`
      SELECT body, model, created_at FROM analyses
      WHERE id = coalesce((SELECT analysis_id FROM call_summary WHERE recording_id = ?), (SELECT max(id) FROM analyses WHERE recording_id = ?))`)
    .get(recordingId, recordingId) as { body: string; model: string; created_at: string } | undefined;
  const criteria = conn.prepare('SELECT criterion_id, ai_answer, final_answer, overridden FROM call_criteria WHERE recording_id = ?')
    .all(recordingId) as CallRows['criteria'];
  return { meta, transcriptBody: t?.body ?? null, analysis: a ?? null, criteria, edits: t ? new ReviewsDao(db).edits(recordingId) : [] };
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
      reviewedAt: meta.reviewed_at, reviewedBy: meta.reviewed_by,
    },
    transcript,
    analysis,
    analysisModel: a?.model ?? null,
    analyzedAt: a?.created_at ?? null,
    overrides,
    final: analysis ? finalScore(analysis.scorecard, finalAnswers) : null,
  };
}

export function loadCallRecord(db: AppDatabase, recordingId: number): CallRecord {
  return buildCallRecord(readCallRows(db, recordingId));
}

/** The answer a report shows for a criterion: the reviewer's when overridden, else the AI's. */
export function shownAnswer(record: CallRecord, criterionId: string, aiAnswer: string): { answer: string; overridden: boolean } {
  const o = record.overrides.get(criterionId);
  return o?.overridden ? { answer: o.finalAnswer, overridden: true } : { answer: aiAnswer, overridden: false };
}
