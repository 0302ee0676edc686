import type { CallAnalysis } from '../../preload/contract/schemas/analysis.js';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import type { AppDatabase } from '../open.js';
import { TimedStatements } from '../statement-cache.js';
import { ROWID_STRIDE, stripMarkers } from './fts-dao.js';

/**
 * The SQL of the call projection (main/domains/calls/call-projection.ts): read every source of a
 * call's derived record, write the record (`call_summary`, `call_criteria`, the reviewer's corrections
 * into `transcript_fts`). No rule lives here: which answer passes, the score, the flags and the status
 * are computed in TypeScript from what `sources` returns, and `write` stores the result as given.
 */

/** Told, in the transaction of a change to a call's sources, which calls changed (the call projection). */
export interface SourcesListener {
  sourcesChanged(recordingIds: readonly number[]): void;
}

/** Everything a call's derived record is computed from. */
export interface CallSources {
  recordingId: number;
  recording: { callTime: string | null; importedAt: string; agent: string | null; queue: string | null; durationSec: number | null };
  jobStates: string[];
  /** The current (newest) analysis. */
  analysis: { id: number; createdAt: string; scorePct: number | null; autoFailed: boolean; costUsd: number | null; body: CallAnalysis } | null;
  /** The transcript's cost; undefined when the call has no transcript. */
  transcriptCostUsd: number | null | undefined;
  /** Reviewer answers by key: criterion ids and `compliance:<item>` keys. */
  overrides: ReadonlyMap<string, string>;
  review: { reviewed: boolean; reviewedAt: string | null; reviewedBy: string | null } | null;
  /** What the index step learnt: the transcript's quality score and whether personal data was found. */
  quality: number | null;
  pii: boolean;
  /** The current wording of the analysis' rubric (criterion id → section, question), when it still exists. */
  labels: ReadonlyMap<string, { section: string; question: string }> | null;
}

/** One `call_summary` row, as the projection computed it. */
export interface SummaryValues {
  recordingId: number;
  callAt: string;
  agent: string | null;
  queue: string | null;
  durationSec: number;
  status: string;
  analysisId: number | null;
  scorePct: number | null;
  autoFailed: boolean;
  sentiment: string | null;
  sentimentRank: number | null;
  outcome: string | null;
  callReason: string | null;
  flagCompliance: boolean;
  complianceReasons: string[] | null;
  flagPii: boolean;
  flagEscalation: boolean;
  costUsd: number | null;
  analyzedAt: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  transcriptQuality: number | null;
  unsupportedAnswers: number;
  quotesNotFound: number;
  needsReview: boolean;
}

/** One `call_criteria` row. */
export interface CriterionValues {
  criterionId: string;
  section: string;
  question: string;
  aiAnswer: string;
  finalAnswer: string;
  passed: boolean | null;
  overridden: boolean;
  support: string | null;
}

export interface DerivedCall {
  summary: SummaryValues;
  criteria: CriterionValues[];
}

/** A transcript segment's searchable text: the reviewer's correction where one applies. */
export interface IndexedSegment { index: number; text: string; role: string | null; start: number | null }

const summaryColumns: [keyof SummaryValues, string][] = [
  ['callAt', 'call_at'], ['agent', 'agent'], ['queue', 'queue'], ['durationSec', 'duration_sec'], ['status', 'status'],
  ['analysisId', 'analysis_id'], ['scorePct', 'score_pct'], ['autoFailed', 'auto_failed'], ['sentiment', 'sentiment'],
  ['sentimentRank', 'sentiment_rank'], ['outcome', 'outcome'], ['callReason', 'call_reason'], ['flagCompliance', 'flag_compliance'],
  ['complianceReasons', 'compliance_reasons'], ['flagPii', 'flag_pii'], ['flagEscalation', 'flag_escalation'], ['costUsd', 'cost_usd'],
  ['analyzedAt', 'analyzed_at'], ['reviewedAt', 'reviewed_at'], ['reviewedBy', 'reviewed_by'], ['transcriptQuality', 'transcript_quality'],
  ['unsupportedAnswers', 'unsupported_answers'], ['quotesNotFound', 'quotes_not_found'], ['needsReview', 'needs_review'],
];
const now = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";
// An unchanged row is left alone (updated_at keeps meaning "last changed", and nothing is rewritten).
const upsertSummarySql = `INSERT INTO call_summary (recording_id, ${summaryColumns.map(([, c]) => c).join(', ')})
  VALUES (@recordingId, ${summaryColumns.map(([k]) => `@${k}`).join(', ')})
  ON CONFLICT(recording_id) DO UPDATE SET ${summaryColumns.map(([, c]) => `${c} = excluded.${c}`).join(', ')}, updated_at = ${now}
  WHERE ${summaryColumns.map(([, c]) => `${c} IS NOT excluded.${c}`).join(' OR ')}`;

const toSql = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : Array.isArray(v) ? JSON.stringify(v) : v);
const bit = (v: number | null) => (v === null ? null : v === 1);

export class CallProjectionDao {
  private readonly sql: TimedStatements;
  constructor(private readonly db: AppDatabase) {
    this.sql = new TimedStatements(db, 'projection');
  }

  /** Run fn in one write transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.sqlite.transaction(fn)();
  }

  /** The sources of one call; undefined when the recording does not exist (deleted). */
  sources(recordingId: number): CallSources | undefined {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the row's type
    const get = <T>(op: string, sql: string) => this.sql.run(op, sql, (s) => s.get({ id: recordingId }) as T | undefined);
    const all = <T>(op: string, sql: string) => this.sql.run(op, sql, (s) => s.all({ id: recordingId }) as T[]);
    const recording = get<CallSources['recording']>('recording',
      'SELECT call_time AS callTime, imported_at AS importedAt, agent, queue, duration_sec AS durationSec FROM recordings WHERE id = @id');
    if (!recording) return undefined;
    const a = get<{ id: number; createdAt: string; scorePct: number | null; autoFailed: number; costUsd: number | null; body: string }>('analysis',
      `SELECT id, created_at AS createdAt, score_pct AS scorePct, auto_failed AS autoFailed, cost_usd AS costUsd, body
       FROM analyses WHERE recording_id = @id ORDER BY id DESC LIMIT 1`);
    const t = get<{ costUsd: number | null }>('transcriptCost', 'SELECT cost_usd AS costUsd FROM transcripts WHERE recording_id = @id');
    const review = get<{ reviewed: number; reviewedAt: string | null; reviewedBy: string | null }>('review',
      'SELECT reviewed, reviewed_at AS reviewedAt, reviewed_by AS reviewedBy FROM review_state WHERE recording_id = @id');
    const body = a ? (JSON.parse(a.body) as CallAnalysis) : null;
    return {
      recordingId,
      recording,
      jobStates: all<{ state: string }>('jobStates', 'SELECT state FROM jobs WHERE recording_id = @id').map((r) => r.state),
      analysis: a && body ? { id: a.id, createdAt: a.createdAt, scorePct: a.scorePct, autoFailed: a.autoFailed === 1, costUsd: a.costUsd, body } : null,
      transcriptCostUsd: t ? t.costUsd : undefined,
      overrides: new Map(all<{ k: string; v: string }>('overrides', 'SELECT criterion_id AS k, answer AS v FROM review_overrides WHERE recording_id = @id').map((r) => [r.k, r.v])),
      review: review ? { reviewed: review.reviewed === 1, reviewedAt: review.reviewedAt, reviewedBy: review.reviewedBy } : null,
      quality: get<{ score: number }>('quality', 'SELECT score FROM transcript_quality WHERE recording_id = @id')?.score ?? null,
      pii: get<{ pii: number }>('findings', 'SELECT pii_found AS pii FROM transcript_findings WHERE recording_id = @id')?.pii === 1,
      labels: body ? this.labels(body.scorecard.rubricId) : null,
    };
  }

  private readonly labelCache = new Map<number, { version: number; labels: ReadonlyMap<string, { section: string; question: string }> } | null>();

  /** The current criteria wording of a rubric (cached per version: a reprojection reads it once). */
  private labels(rubricId: number): ReadonlyMap<string, { section: string; question: string }> | null {
    const row = this.sql.run('rubric', 'SELECT version, criteria FROM rubrics WHERE id = @rubricId', (s) => s.get({ rubricId }) as { version: number; criteria: string } | undefined);
    if (!row) return null;
    const cached = this.labelCache.get(rubricId);
    if (cached && cached.version === row.version) return cached.labels;
    const criteria = JSON.parse(row.criteria) as { id: string; section: string; question: string }[];
    const labels = new Map(criteria.map((c) => [c.id, { section: c.section, question: c.question }]));
    this.labelCache.set(rubricId, { version: row.version, labels });
    return labels;
  }

  /** The job states of each of these calls (calls without jobs are absent). */
  jobStates(recordingIds: readonly number[]): Map<number, string[]> {
    const out = new Map<number, string[]>();
    this.sql.run('jobStatesOf', 'SELECT recording_id AS id, state FROM jobs WHERE recording_id IN (SELECT value FROM json_each(@ids))', (s) => {
      for (const r of s.iterate({ ids: JSON.stringify(recordingIds) }) as Iterable<{ id: number; state: string }>) {
        const list = out.get(r.id);
        if (list) list.push(r.state);
        else out.set(r.id, [r.state]);
      }
    });
    return out;
  }

  /** Which of these calls already have a summary row, with its stored status. */
  storedStatus(recordingIds: readonly number[]): Map<number, string> {
    return this.sql.run('storedStatus', 'SELECT recording_id AS id, status FROM call_summary WHERE recording_id IN (SELECT value FROM json_each(@ids))', (s) =>
      new Map((s.all({ ids: JSON.stringify(recordingIds) }) as { id: number; status: string }[]).map((r) => [r.id, r.status])));
  }

  setStatus(recordingId: number, status: string): void {
    this.sql.run('setStatus', `UPDATE call_summary SET status = @status, updated_at = ${now} WHERE recording_id = @id AND status IS NOT @status`, (s) => s.run({ status, id: recordingId }));
  }

  write(d: DerivedCall): void {
    this.sql.run('writeSummary', upsertSummarySql, (s) =>
      s.run(Object.fromEntries([['recordingId', d.summary.recordingId], ...summaryColumns.map(([k]) => [k, toSql(d.summary[k])])])));
    const id = d.summary.recordingId;
    const stored = this.criteriaRows(id);
    if (sameCriteria(stored, d.criteria)) return;
    this.sql.run('deleteCriteria', 'DELETE FROM call_criteria WHERE recording_id = @id', (s) => s.run({ id }));
    this.sql.run('insertCriterion', `INSERT INTO call_criteria (recording_id, criterion_id, section, question, ai_answer, final_answer, passed, overridden, support)
        VALUES (@id, @criterionId, @section, @question, @aiAnswer, @finalAnswer, @passed, @overridden, @support)`, (s) => {
      for (const c of d.criteria) s.run({ id, ...c, passed: toSql(c.passed), overridden: toSql(c.overridden) });
    });
  }

  /** A call's stored criterion rows, by criterion id. */
  private criteriaRows(id: number): CriterionRow[] {
    return this.sql.run('criteriaOf', `SELECT criterion_id AS criterionId, section, question, ai_answer AS aiAnswer, final_answer AS finalAnswer,
        passed, overridden, support FROM call_criteria WHERE recording_id = @id ORDER BY criterion_id`, (s) => s.all({ id }) as CriterionRow[]);
  }

  /** The stored derived record of a call, in the projection's own shape (for checks and tests). */
  stored(recordingId: number): DerivedCall | undefined {
    const row = this.sql.run('storedSummary', `SELECT ${summaryColumns.map(([k, c]) => `${c} AS ${k}`).join(', ')} FROM call_summary WHERE recording_id = @id`,
      (s) => s.get({ id: recordingId }) as Record<string, unknown> | undefined);
    if (!row) return undefined;
    const bools: (keyof SummaryValues)[] = ['autoFailed', 'flagCompliance', 'flagPii', 'flagEscalation', 'needsReview'];
    for (const k of bools) row[k] = row[k] === 1;
    row.complianceReasons = row.complianceReasons === null ? null : JSON.parse(row.complianceReasons as string);
    const criteria = this.criteriaRows(recordingId);
    return {
      summary: { recordingId, ...row } as SummaryValues,
      criteria: criteria.map((c) => ({ ...c, passed: bit(c.passed), overridden: c.overridden === 1 })),
    };
  }

  /** Reviewer corrections of a call's transcript (segment index → { the provider's text it replaced, the new text }). */
  edits(recordingId: number): { segmentIndex: number; originalText: string; text: string }[] {
    return this.sql.run('edits', 'SELECT segment_index AS segmentIndex, original_text AS originalText, text FROM transcript_edits WHERE recording_id = @id ORDER BY segment_index',
      (s) => s.all({ id: recordingId }) as { segmentIndex: number; originalText: string; text: string }[]);
  }

  transcript(recordingId: number): NormalizedTranscript | null {
    const row = this.sql.run('transcript', 'SELECT body FROM transcripts WHERE recording_id = @id', (s) => s.get({ id: recordingId }) as { body: string } | undefined);
    return row ? (JSON.parse(row.body) as NormalizedTranscript) : null;
  }

  /** Replace these search rows of a call (segments of its transcript, as given). */
  writeSearchRows(recordingId: number, segments: readonly IndexedSegment[], replaceAll: boolean): void {
    const base = recordingId * ROWID_STRIDE;
    if (replaceAll) this.sql.run('clearSearch', 'DELETE FROM transcript_fts WHERE rowid BETWEEN @from AND @to', (s) => s.run({ from: base, to: base + ROWID_STRIDE - 1 }));
    else this.sql.run('clearSearchRow', 'DELETE FROM transcript_fts WHERE rowid = @rowid', (s) => { for (const g of segments) s.run({ rowid: base + g.index }); });
    this.sql.run('insertSearchRow', 'INSERT INTO transcript_fts(rowid, text, role, start_sec, recording_id) VALUES (@rowid, @text, @role, @start, @id)', (s) => {
      for (const g of segments) if (g.index < ROWID_STRIDE) s.run({ rowid: base + g.index, text: stripMarkers(g.text), role: g.role, start: g.start, id: recordingId });
    });
  }

  /** The search rows of a call as stored (for checks and tests). */
  searchRows(recordingId: number): IndexedSegment[] {
    const base = recordingId * ROWID_STRIDE;
    return this.sql.run('searchRows', 'SELECT rowid - @from AS "index", text, role, start_sec AS start FROM transcript_fts WHERE rowid BETWEEN @from AND @to ORDER BY rowid',
      (s) => s.all({ from: base, to: base + ROWID_STRIDE - 1 }) as IndexedSegment[]);
  }

  /** Calls whose current analysis was scored with this rubric. */
  callsScoredWith(rubricId: number): number[] {
    return this.sql.run('callsScoredWith', `SELECT s.recording_id AS id FROM call_summary s JOIN analyses a ON a.id = s.analysis_id
        WHERE json_extract(a.body, '$.scorecard.rubricId') = @rubricId`, (s) => (s.all({ rubricId }) as { id: number }[]).map((r) => r.id));
  }

  /** Recording ids after `afterId`, in order, at most `limit` (a resumable walk over every call). */
  idsAfter(afterId: number, limit: number): number[] {
    return this.sql.run('idsAfter', 'SELECT id FROM recordings WHERE id > @afterId ORDER BY id LIMIT @limit', (s) => (s.all({ afterId, limit }) as { id: number }[]).map((r) => r.id));
  }

  countAfter(afterId: number): number {
    return this.sql.run('countAfter', 'SELECT count(*) AS n FROM recordings WHERE id > @afterId', (s) => (s.get({ afterId }) as { n: number }).n);
  }

  /** What the review policy reads of every call (quality and unsupported answers), with the stored flag. */
  reviewInputs(): { id: number; quality: number | null; unsupported: number; needsReview: boolean }[] {
    return this.sql.run('reviewInputs', 'SELECT recording_id AS id, transcript_quality AS quality, unsupported_answers AS unsupported, needs_review AS n FROM call_summary',
      (s) => (s.all() as { id: number; quality: number | null; unsupported: number; n: number }[]).map((r) => ({ id: r.id, quality: r.quality, unsupported: r.unsupported, needsReview: r.n === 1 })));
  }

  setNeedsReview(recordingId: number, needsReview: boolean): void {
    this.sql.run('setNeedsReview', `UPDATE call_summary SET needs_review = @needsReview, updated_at = ${now} WHERE recording_id = @id`, (s) => s.run({ needsReview: needsReview ? 1 : 0, id: recordingId }));
  }
}

type CriterionRow = Omit<CriterionValues, 'passed' | 'overridden'> & { passed: number | null; overridden: number };

function sameCriteria(stored: CriterionRow[], next: CriterionValues[]): boolean {
  if (stored.length !== next.length) return false;
  const sorted = [...next].sort((a, b) => (a.criterionId < b.criterionId ? -1 : a.criterionId > b.criterionId ? 1 : 0));
  return stored.every((s, i) => {
    const n = sorted[i]!;
    return s.criterionId === n.criterionId && s.section === n.section && s.question === n.question && s.aiAnswer === n.aiAnswer
      && s.finalAnswer === n.finalAnswer && bit(s.passed) === n.passed && (s.overridden === 1) === n.overridden && s.support === n.support;
  });
}
