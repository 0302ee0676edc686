import type { CallFacets, CallFilter, CallFlag, CallRow, CallSort, CallStatus, CriterionResult } from '../../preload/contract/schemas/calls.js';
import type { AppDatabase, ReaderConnection, ReadStatement } from '../open.js';
import { StatementCache } from '../statement-cache.js';
import { ROWID_STRIDE, SEARCH_HIT_CAP, snippetParts, toFtsQuery, type SegmentHit } from './fts-dao.js';

/**
 * The Calls list: one query over `call_summary` (derived, one row per recording, an index per sort
 * column) joined to `recordings` by primary key for the display-only columns. Reads use the read-only
 * connection. The SQL text is built only from the whitelists below; every user value is a parameter.
 */

export interface ListQuery extends CallFilter {
  sort: CallSort;
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** Sort → ORDER BY columns, matching the index for that sort column by column (see call-summary.ts). */
const orderColumns: Record<CallSort, string[]> = {
  date: ['s.call_at', 's.recording_id'],
  agent: ['s.agent', 's.call_at', 's.recording_id'],
  queue: ['s.queue', 's.call_at', 's.recording_id'],
  duration: ['s.duration_sec', 's.recording_id'],
  status: ['s.status', 's.call_at', 's.recording_id'],
  score: ['s.score_pct', 's.recording_id'],
  sentiment: ['s.sentiment_rank', 's.recording_id'],
  quality: ['s.transcript_quality', 's.recording_id'],
};

const criterionResultSql: Record<CriterionResult, string> = { pass: 'c.passed = 1', fail: 'c.passed = 0', overridden: 'c.overridden = 1', unsupported: "c.support = 'unsupported'" };

// needs_review is a flag while nobody has reviewed the call; after that the reviewer's answers are final.
const flagColumn: Record<CallFlag, string> = {
  compliance: 's.flag_compliance', pii: 's.flag_pii', escalation: 's.flag_escalation', needs_review: '(s.needs_review AND s.reviewed_at IS NULL)',
};

interface SummaryJoinRow {
  id: number;
  fileName: string;
  callAt: string;
  callTimeKnown: number;
  agent: string | null;
  queue: string | null;
  customer: string | null;
  externalCallId: string | null;
  direction: string | null;
  durationSec: number;
  status: string;
  scorePct: number | null;
  autoFailed: number;
  sentiment: string | null;
  outcome: string | null;
  flagCompliance: number;
  complianceReasons: string | null;
  flagPii: number;
  flagEscalation: number;
  needsReview: number;
  transcriptQuality: number | null;
  unsupportedAnswers: number;
  reviewedAt: string | null;
  hitRowid?: number;
}

const selectColumns = `s.recording_id AS id, r.file_name AS fileName, s.call_at AS callAt, r.call_time IS NOT NULL AS callTimeKnown, s.agent, s.queue,
  r.customer, r.external_call_id AS externalCallId, r.direction, s.duration_sec AS durationSec, s.status,
  s.score_pct AS scorePct, s.auto_failed AS autoFailed, s.sentiment, s.outcome, s.flag_compliance AS flagCompliance, s.compliance_reasons AS complianceReasons,
  s.flag_pii AS flagPii, s.flag_escalation AS flagEscalation, s.needs_review AS needsReview, s.transcript_quality AS transcriptQuality, s.unsupported_answers AS unsupportedAnswers,
  s.reviewed_at AS reviewedAt`;

/** WHERE clauses + parameters for the filters (not the search, which is a join). */
export function filterSql(f: CallFilter): { where: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (name: string, clause: string, value: unknown) => {
    clauses.push(clause);
    params[name] = value;
  };
  if (f.ids?.length) add('ids', 's.recording_id IN (SELECT value FROM json_each(@ids))', JSON.stringify(f.ids));
  if (f.exceptIds?.length) add('exceptIds', 's.recording_id NOT IN (SELECT value FROM json_each(@exceptIds))', JSON.stringify(f.exceptIds));
  if (f.from) add('from', 's.call_at >= @from', f.from);
  // Inclusive end day: "2024-05-02" must include "2024-05-02T17:30".
  if (f.to) add('to', 's.call_at <= @to', `${f.to}\uffff`);
  if (f.agent) add('agent', 's.agent = @agent', f.agent);
  if (f.queue) add('queue', 's.queue = @queue', f.queue);
  if (f.status) add('status', 's.status = @status', f.status);
  if (f.minScore !== undefined) add('minScore', 's.score_pct >= @minScore', f.minScore);
  if (f.maxScore !== undefined) add('maxScore', 's.score_pct <= @maxScore', f.maxScore);
  if (f.reviewed === 'reviewed') clauses.push('s.reviewed_at IS NOT NULL');
  if (f.reviewed === 'unreviewed') clauses.push('s.reviewed_at IS NULL');
  if (f.flag) clauses.push(`${flagColumn[f.flag]} = 1`);
  if (f.outcome) add('outcome', 's.outcome = @outcome', f.outcome);
  if (f.minQuality !== undefined) add('minQuality', 's.transcript_quality >= @minQuality', f.minQuality);
  if (f.maxQuality !== undefined) add('maxQuality', 's.transcript_quality <= @maxQuality', f.maxQuality);
  // The Dashboard groups reasons by lower(trim(call_reason)); the same expression on both sides.
  if (f.reason) add('reason', 'lower(trim(s.call_reason)) = lower(trim(@reason))', f.reason);
  if (f.criterion || f.criterionResult) {
    // Correlated EXISTS: one primary-key probe (recording_id, criterion_id) per row walked, so a page
    // still stops after its rows instead of first collecting every matching call.
    const c: string[] = ['c.recording_id = s.recording_id'];
    if (f.criterion) {
      c.push('c.criterion_id = @criterion');
      params.criterion = f.criterion;
    }
    if (f.criterionResult) c.push(criterionResultSql[f.criterionResult]);
    clauses.push(`EXISTS (SELECT 1 FROM call_criteria c WHERE ${c.join(' AND ')})`);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * The list SQL for a query (exported for the query-plan test and the bench's raw-SQL baseline).
 *
 * Without a search: a "deferred join". `idsSql` walks the sort column's index over call_summary alone
 * to find the page's ids (skipping `offset` entries costs an index step each, not a row build with a
 * join); only the 50 rows of the page are then joined to recordings.
 *
 * With a search: matching segments come from FTS (newest first, capped), grouped per recording with
 * the rowid of its first matching segment (for the snippet); the total and whether the cap was hit
 * come back in the same statement (window count, raw hit count), so FTS is evaluated once.
 */
export function listSql(q: ListQuery, match: string | null): {
  sql: string; params: Record<string, unknown>; idsSql: string; countSql: string; countParams: Record<string, unknown>;
} {
  const { where, params } = filterSql(q);
  const order = orderColumns[q.sort].map((c) => `${c} ${q.dir === 'asc' ? 'ASC' : 'DESC'}`).join(', ');
  if (!match) {
    const idsSql = `SELECT s.recording_id AS rid FROM call_summary s ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`;
    return {
      idsSql,
      // CROSS JOIN fixes the loop order (SQLite never reorders it): page ids first, then PK lookups;
      // left to itself the planner may prefer walking s's sort index and probing p: a full scan.
      sql: `SELECT ${selectColumns} FROM (${idsSql}) p CROSS JOIN call_summary s ON s.recording_id = p.rid
            CROSS JOIN recordings r ON r.id = s.recording_id ORDER BY ${order}`,
      params: { ...params, limit: q.limit, offset: q.offset },
      countSql: `SELECT count(*) AS n FROM call_summary s ${where}`,
      countParams: params,
    };
  }
  // The recording id is computed from the rowid (recordingId × stride + segment): reading the
  // UNINDEXED recording_id column would cost a content-table lookup per hit.
  // The page is chosen over call_summary alone (window count = total); only its rows join recordings.
  const hits = `WITH raw AS MATERIALIZED (
      SELECT rowid AS hit, rowid / ${ROWID_STRIDE} AS rid FROM transcript_fts WHERE transcript_fts MATCH @match ORDER BY rowid DESC LIMIT ${SEARCH_HIT_CAP}
    ), hits AS MATERIALIZED (SELECT rid, min(hit) AS hit FROM raw GROUP BY rid)`;
  const idsSql = `${hits}, page AS MATERIALIZED (
      SELECT s.recording_id AS rid, h.hit AS hit, count(*) OVER () AS total FROM hits h CROSS JOIN call_summary s ON s.recording_id = h.rid
      ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset)`;
  return {
    idsSql: `${idsSql} SELECT * FROM page`,
    sql: `${idsSql} SELECT ${selectColumns}, page.hit AS hitRowid, page.total AS total, (SELECT count(*) FROM raw) AS rawHits
          FROM page CROSS JOIN call_summary s ON s.recording_id = page.rid CROSS JOIN recordings r ON r.id = s.recording_id ORDER BY ${order}`,
    params: { match, ...params, limit: q.limit, offset: q.offset },
    countSql: `${hits} SELECT count(*) AS n, (SELECT count(*) FROM raw) AS rawHits FROM hits h JOIN call_summary s ON s.recording_id = h.rid ${where}`,
    countParams: { match, ...params },
  };
}

const sentiments = new Set(['positive', 'neutral', 'negative']);

function toRow(r: SummaryJoinRow): Omit<CallRow, 'match'> {
  const flags: CallFlag[] = [];
  if (r.flagCompliance) flags.push('compliance');
  if (r.flagPii) flags.push('pii');
  if (r.flagEscalation) flags.push('escalation');
  if (r.needsReview && !r.reviewedAt) flags.push('needs_review');
  return {
    id: r.id, fileName: r.fileName, callAt: r.callAt, callTimeKnown: !!r.callTimeKnown, agent: r.agent, queue: r.queue, customer: r.customer,
    externalCallId: r.externalCallId, direction: r.direction, durationSec: r.durationSec,
    status: r.status as CallStatus, scorePct: r.scorePct, autoFailed: !!r.autoFailed, transcriptQuality: r.transcriptQuality, unsupportedAnswers: r.unsupportedAnswers,
    sentiment: r.sentiment && sentiments.has(r.sentiment) ? (r.sentiment as CallRow['sentiment']) : null,
    outcome: r.outcome, flags, reviewedAt: r.reviewedAt,
    complianceReasons: r.complianceReasons ? (JSON.parse(r.complianceReasons) as string[]) : [],
  };
}

export class CallsDao {
  private readonly stmts = new StatementCache();
  constructor(private readonly db: AppDatabase) {}

  /** The call is this agent's (the agent field the Calls list filters by). */
  agentOwns(agentName: string, recordingId: number): boolean {
    return this.db.timed('calls.agentOwns', () =>
      this.prepare(this.db.reader(), 'SELECT 1 FROM call_summary WHERE recording_id = @id AND agent = @agent').get({ id: recordingId, agent: agentName }) !== undefined);
  }

  private prepare(conn: ReaderConnection, sql: string): ReadStatement {
    return this.stmts.read(conn, sql);
  }

  /**
   * A prefix query ("charged tw" *) cannot stop early in FTS5 (the prefix's doclists are merged in
   * full), so it costs tens of ms on a common phrase. When the words as typed already match as an exact
   * phrase (porter stemming still finds "refunds" for "refund"), that is used instead; the prefix form
   * only runs for a genuinely unfinished word. Deterministic for a given text, so pages stay stable.
   */
  private effectiveMatch(conn: ReaderConnection, text: string | undefined): string | null {
    const match = text ? toFtsQuery(text) : null;
    if (!match?.endsWith(' *')) return match;
    const exact = match.slice(0, -2);
    return this.prepare(conn, 'SELECT 1 FROM transcript_fts WHERE transcript_fts MATCH @match LIMIT 1').get({ match: exact }) ? exact : match;
  }

  /** The matching segment's snippet for one hit rowid (the list asks for at most a page of them). */
  private snippet(match: string, rowid: number): SegmentHit | undefined {
    return this.db.timed('calls.snippet', () => {
      const row = this.prepare(
        this.db.reader(),
        `SELECT recording_id AS recordingId, start_sec AS startSec, role,
                snippet(transcript_fts, 0, char(1), char(2), '…', 16) AS marked
         FROM transcript_fts WHERE transcript_fts MATCH @match AND rowid = @rowid`,
      ).get({ match, rowid }) as { recordingId: number; startSec: number | null; role: string | null; marked: string } | undefined;
      return row && { recordingId: row.recordingId, startSec: row.startSec, role: row.role, snippet: snippetParts(row.marked) };
    });
  }

  list(q: ListQuery): { items: CallRow[]; total: number; capped: boolean } {
    return this.db.timed('calls.list', () => {
      const conn = this.db.reader();
      const match = this.effectiveMatch(conn, q.q);
      const { sql, params, countSql, countParams } = listSql(q, match);
      const rows = this.prepare(conn, sql).all(params) as (SummaryJoinRow & { total?: number; rawHits?: number })[];
      let total: number;
      let rawHits = rows[0]?.rawHits ?? 0;
      if (match && rows.length) total = rows[0]!.total!;
      else if (!match && rows.length && q.offset === 0 && rows.length < q.limit) total = rows.length;
      else {
        // A page past the end (or a full first page): count separately.
        const c = this.prepare(conn, countSql).get(countParams) as { n: number; rawHits?: number };
        total = c.n;
        rawHits = c.rawHits ?? 0;
      }
      const items = rows.map((r) => {
        const hit = match && r.hitRowid !== undefined ? this.snippet(match, r.hitRowid) : undefined;
        return { ...toRow(r), match: hit ? { startSec: hit.startSec, role: hit.role, snippet: hit.snippet } : null };
      });
      return { items, total, capped: rawHits >= SEARCH_HIT_CAP };
    });
  }

  /** Dropdown values and counts; for an agent, of their own calls only. */
  facets(agent: string | null = null): Omit<CallFacets, 'criteria'> {
    return this.db.timed('calls.facets', () => {
      const conn = this.db.reader();
      const mine = agent === null ? '' : ' AND agent = @agent';
      const args = { agent };
      const group = (col: string) =>
        this.prepare(conn, `SELECT ${col} AS value, count(*) AS count FROM call_summary WHERE ${col} IS NOT NULL${mine} GROUP BY ${col} ORDER BY ${col}`).all(args) as { value: string; count: number }[];
      const total = (this.prepare(conn, `SELECT count(*) AS n FROM call_summary WHERE 1${mine}`).get(args) as { n: number }).n;
      return { total, agents: group('agent'), queues: group('queue'), statuses: group('status') };
    });
  }
}
