import Database from 'better-sqlite3';
import type { ExportCallsQuery } from '../../../preload/contract/schemas/exports.js';
import { filterSql } from '../filter-sql.js';
import { metricsJoins, metricsSelect, type MetricsRow } from './metrics.js';

/**
 * The rows of a data export, read with `stmt.iterate()` on a connection of its own. A streamed export
 * holds its statement open across many event-loop turns (the HTTP response is slow), and
 * better-sqlite3 refuses other statements on a connection while an iterator is open: a dedicated
 * read-only connection keeps the app's shared readers free. WAL gives it a stable snapshot.
 */
export interface CallExportRow extends MetricsRow {
  id: number;
  file_name: string;
  call_at: string;
  agent: string | null;
  customer: string | null;
  account: string | null;
  queue: string | null;
  campaign: string | null;
  direction: string | null;
  external_call_id: string | null;
  duration_sec: number;
  status: string;
  /** The AI's total (analyses.score_pct). */
  ai_score_pct: number | null;
  /** The list's score: the final score once a reviewer overrode a criterion. */
  score_pct: number | null;
  auto_failed: number;
  sentiment: string | null;
  outcome: string | null;
  call_reason: string | null;
  flag_compliance: number;
  flag_pii: number;
  flag_escalation: number;
  reviewed_at: string | null;
  reviewed_by: string | null;
  cost_usd: number | null;
  rubric_name: string | null;
  rubric_version: number | null;
  summary: string | null;
  /** JSON [[criterionId, aiAnswer, finalAnswer, overridden], ...] */
  criteria: string | null;
  /** JSON of the scorecard, only when an override makes the final score differ from the AI's. */
  scorecard: string | null;
  /** JSON export only: the stored transcript, the analysis, and the reviewer's transcript corrections. */
  transcript_body?: string | null;
  analysis_body?: string | null;
  /** JSON [{segmentIndex, originalText, text}, ...] or null. */
  transcript_edits?: string | null;
}

export interface ExportCursor {
  total: number;
  criterionIds: string[];
  rows(): IterableIterator<CallExportRow>;
  close(): void;
}

export function openExportCursor(dbFile: string, query: Partial<ExportCallsQuery>, opts: { withBodies?: boolean } = {}): ExportCursor {
  const conn = new Database(dbFile, { readonly: true, fileMustExist: true });
  conn.pragma('busy_timeout = 5000');
  const f = filterSql(query);
  const total = (conn.prepare(`SELECT count(*) AS n FROM call_summary s ${f.where}`).get(...f.params) as { n: number }).n;
  // Columns of the per-criterion answers: every criterion any selected call was scored on, in first-seen order.
  const criterionIds = (conn.prepare(`
    SELECT c.criterion_id AS id FROM call_criteria c WHERE c.recording_id IN (SELECT s.recording_id FROM call_summary s ${f.where})
    GROUP BY c.criterion_id ORDER BY min(c.rowid)`).all(...f.params) as { id: string }[]).map((r) => r.id);
  // The JSON export carries the corrected transcript: the reviewer's edits ride along in the row (a
  // correlated subquery on transcript_edits' primary key), so there is no second lookup per call.
  const bodies = opts.withBodies
    ? `, t.body AS transcript_body, a.body AS analysis_body,
       (SELECT json_group_array(json_object('segmentIndex', e.segment_index, 'originalText', e.original_text, 'text', e.text))
          FROM transcript_edits e WHERE e.recording_id = s.recording_id) AS transcript_edits`
    : '';
  const stmt = conn.prepare(`
    SELECT r.id, r.file_name, s.call_at, r.agent, r.customer, r.account, r.queue, r.campaign, r.direction, r.external_call_id,
           s.duration_sec, s.status, a.score_pct AS ai_score_pct, s.score_pct, s.auto_failed, s.sentiment, s.outcome, s.call_reason,
           s.flag_compliance, s.flag_pii, s.flag_escalation, s.reviewed_at, s.reviewed_by, s.cost_usd,
           json_extract(a.body, '$.scorecard.rubricName') AS rubric_name, a.rubric_version,
           json_extract(a.body, '$.summary') AS summary,
           (SELECT json_group_array(json_array(c.criterion_id, c.ai_answer, c.final_answer, c.overridden))
              FROM call_criteria c WHERE c.recording_id = s.recording_id) AS criteria,
           CASE WHEN EXISTS (SELECT 1 FROM call_criteria c WHERE c.recording_id = s.recording_id AND c.overridden)
                THEN json_extract(a.body, '$.scorecard') END AS scorecard
           ${metricsSelect}
           ${bodies}
    FROM call_summary s JOIN recordings r ON r.id = s.recording_id
    LEFT JOIN analyses a ON a.id = s.analysis_id${metricsJoins}
    ${opts.withBodies ? 'LEFT JOIN transcripts t ON t.recording_id = s.recording_id' : ''}
    ${f.where} ${f.order}`);
  return {
    total,
    criterionIds,
    rows: () => stmt.iterate(...f.params) as IterableIterator<CallExportRow>,
    close: () => conn.close(),
  };
}
