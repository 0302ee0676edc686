import type { ExportCallsQuery } from '../../preload/contract/schemas/exports.js';
import type { AppDatabase } from '../open.js';
import { filterSql } from './export-filter.js';

/**
 * All SQL of the streamed data exports (CSV, XLSX, JSON). Rows are read with `stmt.iterate()` on a
 * connection of their own (AppDatabase.cursorConnection: read-only, the configured busy timeout): a
 * streamed export holds its statement open across many event-loop turns (the HTTP response is slow),
 * and better-sqlite3 refuses other statements on a connection while an iterator is open, so a
 * dedicated connection keeps the app's shared readers free. WAL gives it a stable snapshot.
 *
 * The local metrics are read in the same query (LEFT JOINs on audio_metrics and local_analyses, both
 * keyed by recording id) with json_extract, so each row carries a dozen numbers and never the stored
 * JSON (the interruption list and the waveform of a long call are large): one row at a time.
 */
export const metricsSelect = `,
  json_extract(am.body, '$.stereoSplit') AS m_a_stereo,
  json_extract(am.body, '$.talkSeconds.agent') AS m_a_agent,
  json_extract(am.body, '$.talkSeconds.customer') AS m_a_customer,
  json_extract(am.body, '$.talkSeconds.total') AS m_a_total,
  json_extract(am.body, '$.silenceShare') AS m_a_silence_share,
  json_extract(am.body, '$.longestSilenceSec') AS m_a_longest_silence,
  json_extract(am.body, '$.overtalkSeconds') AS m_a_overtalk,
  la.recording_id AS m_c,
  json_extract(la.conversation, '$.partyKind') AS m_c_kind,
  json_extract(la.conversation, '$.talk.agentSec') AS m_c_agent,
  json_extract(la.conversation, '$.talk.customerSec') AS m_c_customer,
  json_extract(la.conversation, '$.talk.totalSec') AS m_c_total,
  json_extract(la.conversation, '$.talkRatio') AS m_c_ratio,
  json_extract(la.conversation, '$.overtalk.totalSec') AS m_c_overtalk,
  json_extract(la.conversation, '$.interruptions.byPair."agent>customer".count') AS m_c_int_ac,
  json_extract(la.conversation, '$.interruptions.byPair."customer>agent".count') AS m_c_int_ca,
  (SELECT json_extract(p.value, '$.wordsPerMinute') FROM json_each(la.conversation, '$.parties') p
     WHERE json_extract(p.value, '$.party') = 'agent') AS m_c_wpm_agent,
  (SELECT json_extract(p.value, '$.wordsPerMinute') FROM json_each(la.conversation, '$.parties') p
     WHERE json_extract(p.value, '$.party') = 'customer') AS m_c_wpm_customer,
  json_extract(la.conversation, '$.responseLatency.meanSec') AS m_c_latency`;

export const metricsJoins = `
    LEFT JOIN audio_metrics am ON am.recording_id = s.recording_id
    LEFT JOIN local_analyses la ON la.recording_id = s.recording_id`;

export interface MetricsRow {
  m_a_stereo: number | null;
  m_a_agent: number | null;
  m_a_customer: number | null;
  m_a_total: number | null;
  m_a_silence_share: number | null;
  m_a_longest_silence: number | null;
  m_a_overtalk: number | null;
  /** Non-null when conversation metrics exist. */
  m_c: number | null;
  m_c_kind: 'role' | 'speaker' | null;
  m_c_agent: number | null;
  m_c_customer: number | null;
  m_c_total: number | null;
  m_c_ratio: number | null;
  m_c_overtalk: number | null;
  m_c_int_ac: number | null;
  m_c_int_ca: number | null;
  m_c_wpm_agent: number | null;
  m_c_wpm_customer: number | null;
  m_c_latency: number | null;
}

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
  /** JSON export: what of the call left the machine (egress ledger), totals and requests. */
  egress?: string | null;
}

export interface ExportCursor {
  total: number;
  criterionIds: string[];
  rows(): IterableIterator<CallExportRow>;
  close(): void;
}

export interface CriterionExportRow { rid: number; file: string; agent: string | null; cid: string; section: string; question: string; ai: string; final: string; overridden: number; passed: number | null }

export class ExportCursorDao {
  constructor(private readonly db: AppDatabase) {}

  calls(query: Partial<ExportCallsQuery>, opts: { withBodies?: boolean } = {}): ExportCursor {
    return this.db.timed('exportCursor.calls', () => {
      const conn = this.db.cursorConnection();
      try {
        const f = filterSql(query);
        const total = conn.prepare<{ n: number }>(`SELECT count(*) AS n FROM call_summary s ${f.where}`).get(f.params)!.n;
        // Columns of the per-criterion answers: every criterion any selected call was scored on, in first-seen order.
        const criterionIds = (conn.prepare(`
          SELECT c.criterion_id AS id FROM call_criteria c WHERE c.recording_id IN (SELECT s.recording_id FROM call_summary s ${f.where})
          GROUP BY c.criterion_id ORDER BY min(c.rowid)`).all(f.params) as { id: string }[]).map((r) => r.id);
        // The JSON export carries the corrected transcript: the reviewer's edits ride along in the row (a
        // correlated subquery on transcript_edits' primary key), so there is no second lookup per call.
        const bodies = opts.withBodies
          ? `, t.body AS transcript_body, a.body AS analysis_body,
             (SELECT json_group_array(json_object('segmentIndex', e.segment_index, 'originalText', e.original_text, 'text', e.text))
                FROM transcript_edits e WHERE e.recording_id = s.recording_id) AS transcript_edits,
             (SELECT json_object('requests', count(*), 'bytesSent', coalesce(sum(p.bytes_sent), 0), 'bytesReceived', coalesce(sum(p.bytes_received), 0),
                       'audioSec', coalesce(sum(p.audio_sec), 0), 'charsSent', coalesce(sum(p.chars_sent), 0), 'costUsd', coalesce(sum(p.cost_usd), 0),
                       'items', json_group_array(json_object('at', p.at, 'step', p.step, 'provider', p.provider, 'endpoint', p.endpoint, 'model', p.model,
                         'bytesSent', p.bytes_sent, 'bytesReceived', p.bytes_received, 'audioSec', p.audio_sec, 'charsSent', p.chars_sent,
                         'status', p.status, 'requestId', p.request_id, 'costUsd', p.cost_usd, 'traceId', p.trace_id)))
                FROM provider_requests p WHERE p.recording_id = s.recording_id) AS egress`
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
          rows: () => stmt.iterate(f.params) as IterableIterator<CallExportRow>,
          close: () => conn.close(),
        };
      } catch (e) {
        conn.close();
        throw e;
      }
    });
  }

  /** One row per call × criterion, in the calls cursor's order (the XLSX "Criteria" sheet). */
  criteria(query: Partial<ExportCallsQuery>): { rows(): IterableIterator<CriterionExportRow>; close(): void } {
    return this.db.timed('exportCursor.criteria', () => {
      const conn = this.db.cursorConnection();
      const f = filterSql(query);
      const stmt = conn.prepare<CriterionExportRow>(`
        SELECT s.recording_id AS rid, r.file_name AS file, s.agent, c.criterion_id AS cid, c.section, c.question,
               c.ai_answer AS ai, c.final_answer AS final, c.overridden, c.passed
        FROM call_summary s JOIN recordings r ON r.id = s.recording_id JOIN call_criteria c ON c.recording_id = s.recording_id
        ${f.where} ${f.order}, c.rowid`);
      return { rows: () => stmt.iterate(f.params), close: () => conn.close() };
    });
  }
}
