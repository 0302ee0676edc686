import type { AppDatabase } from '../open.js';

/**
 * All SQL of the agent and team reports: aggregates read from the Calls list's derived tables
 * (call_summary, call_criteria: indexed, no JSON parsing) plus a bounded number of analysis bodies
 * for the example moments. Dates are inclusive days on call_at, like the list's filter.
 */
export interface ScoredCall {
  id: number;
  fileName: string;
  callAt: string;
  agent: string | null;
  scorePct: number | null;
  autoFailed: boolean;
  outcome: string | null;
}

export interface CriterionRate {
  criterionId: string;
  question: string;
  section: string;
  answered: number;
  passed: number;
  overridden: number;
  /** 0..100, null when every answer was N/A. */
  passRate: number | null;
}

export interface AgentStats {
  agent: string;
  calls: number;
  avgScore: number | null;
  autoFails: number;
  reviewed: number;
}

export interface Scope {
  from: string;
  to: string;
  agent?: string;
  queue?: string;
  /** Calls left out (a reviewer scoring them blind in calibration). */
  exceptIds?: number[];
}

/** A call's analysis body with the final (reviewed) answer of each criterion, for example moments. */
export interface MomentSource {
  id: number;
  fileName: string;
  callAt: string;
  body: string;
  finals: Map<string, string>;
}

function where(s: Scope): { sql: string; params: Record<string, unknown> } {
  const clauses = ['s.call_at >= @from', 's.call_at <= @to'];
  const params: Record<string, unknown> = { from: s.from, to: `${s.to}\uffff` };
  if (s.agent) {
    clauses.push('s.agent = @agent');
    params.agent = s.agent;
  }
  if (s.queue) {
    clauses.push('s.queue = @queue');
    params.queue = s.queue;
  }
  if (s.exceptIds?.length) {
    clauses.push('s.recording_id NOT IN (SELECT value FROM json_each(@exceptIds))');
    params.exceptIds = JSON.stringify(s.exceptIds);
  }
  return { sql: `WHERE ${clauses.join(' AND ')}`, params };
}

export class ReportsDao {
  constructor(private readonly db: AppDatabase) {}

  scoredCalls(scope: Scope, limit = 5000): ScoredCall[] {
    const w = where(scope);
    const rows = this.db.timed('reports.scoredCalls', () =>
      this.db.reader().prepare(`
        SELECT s.recording_id AS id, r.file_name AS fileName, s.call_at AS callAt, s.agent, s.score_pct AS scorePct, s.auto_failed AS autoFailed, s.outcome
        FROM call_summary s JOIN recordings r ON r.id = s.recording_id ${w.sql} ORDER BY s.call_at, s.recording_id LIMIT @limit`).all({ ...w.params, limit }),
    ) as (Omit<ScoredCall, 'autoFailed'> & { autoFailed: number })[];
    return rows.map((r) => ({ ...r, autoFailed: !!r.autoFailed }));
  }

  criterionRates(scope: Scope): CriterionRate[] {
    const w = where(scope);
    const rows = this.db.timed('reports.criterionRates', () =>
      this.db.reader().prepare(`
        SELECT c.criterion_id AS criterionId, max(c.question) AS question, max(c.section) AS section,
               count(c.passed) AS answered, coalesce(sum(c.passed), 0) AS passed, sum(c.overridden) AS overridden
        FROM call_summary s JOIN call_criteria c ON c.recording_id = s.recording_id ${w.sql}
        GROUP BY c.criterion_id ORDER BY min(c.rowid)`).all(w.params),
    ) as Omit<CriterionRate, 'passRate'>[];
    return rows.map((r) => ({ ...r, passRate: r.answered ? (r.passed / r.answered) * 100 : null }));
  }

  agentStats(scope: Scope): AgentStats[] {
    const w = where(scope);
    return this.db.timed('reports.agentStats', () =>
      this.db.reader().prepare(`
        SELECT coalesce(s.agent, '(unknown)') AS agent, count(*) AS calls, avg(s.score_pct) AS avgScore,
               sum(s.auto_failed) AS autoFails, count(s.reviewed_at) AS reviewed
        FROM call_summary s ${w.sql} GROUP BY s.agent ORDER BY avgScore DESC`).all(w.params),
    ) as AgentStats[];
  }

  /** Average score per day (the team trend line). */
  dailyScores(scope: Scope): { at: string; value: number }[] {
    const w = where(scope);
    return this.db.timed('reports.dailyScores', () =>
      this.db.reader().prepare(`
        SELECT substr(s.call_at, 1, 10) AS at, avg(s.score_pct) AS value FROM call_summary s ${w.sql} AND s.score_pct IS NOT NULL
        GROUP BY at ORDER BY at`).all(w.params),
    ) as { at: string; value: number }[];
  }

  /** The newest `maxCalls` analysed calls in scope, with their final answers. */
  momentSources(scope: Scope, maxCalls: number): MomentSource[] {
    const w = where(scope);
    return this.db.timed('reports.momentSources', () => {
      const conn = this.db.reader();
      const rows = conn.prepare(`
        SELECT s.recording_id AS id, r.file_name AS fileName, s.call_at AS callAt, a.body
        FROM call_summary s JOIN recordings r ON r.id = s.recording_id JOIN analyses a ON a.id = s.analysis_id
        ${w.sql} ORDER BY s.call_at DESC LIMIT @limit`).all({ ...w.params, limit: maxCalls }) as Omit<MomentSource, 'finals'>[];
      const out = rows.map((r) => ({ ...r, finals: new Map<string, string>() }));
      if (!out.length) return out;
      const byId = new Map(out.map((r) => [r.id, r]));
      const crit = conn.prepare('SELECT recording_id AS rid, criterion_id AS cid, final_answer AS fa FROM call_criteria WHERE recording_id IN (SELECT value FROM json_each(@ids))')
        .all({ ids: JSON.stringify(out.map((r) => r.id)) }) as { rid: number; cid: string; fa: string }[];
      for (const c of crit) byId.get(c.rid)?.finals.set(c.cid, c.fa);
      return out;
    });
  }

  /** The rubric versions the calls in scope were scored with ("Standard call review v3"). */
  rubricVersions(scope: Scope): string | null {
    const w = where(scope);
    const rows = this.db.timed('reports.rubricVersions', () =>
      this.db.reader().prepare(`
        SELECT DISTINCT json_extract(a.body, '$.scorecard.rubricName') AS name, a.rubric_version AS v
        FROM call_summary s JOIN analyses a ON a.id = s.analysis_id ${w.sql} ORDER BY v LIMIT 5`).all(w.params),
    ) as { name: string; v: number }[];
    return rows.length ? rows.map((r) => `${r.name} v${r.v}`).join(', ') : null;
  }
}
