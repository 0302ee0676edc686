import type { ReportsDao, Scope } from '../../db/dao/reports-dao.js';
import type { CallAnalysis } from '../../preload/contract/schemas/analysis.js';
import type { Redactor } from './redaction.js';

/**
 * What the agent and team reports show, from ReportsDao (db/dao/reports-dao.ts, where their SQL lives):
 * the aggregates as they are, plus example moments picked from a bounded number of analysis bodies.
 */
export type { AgentStats, CriterionRate, ScoredCall, Scope } from '../../db/dao/reports-dao.js';

export interface Moment {
  recordingId: number;
  fileName: string;
  callAt: string;
  criterionId: string;
  question: string;
  answer: string;
  quote: string;
  start: number;
  kind: 'strength' | 'weakness';
}

/**
 * Example moments: quotes from the weakest criteria (answered no / low) and the strongest, with the
 * call and time, for coaching. Reads at most `maxCalls` analysis bodies.
 */
export function exampleMoments(reports: Pick<ReportsDao, 'momentSources'>, scope: Scope, redactor: Redactor | null, opts: { perKind?: number; maxCalls?: number } = {}): Moment[] {
  const perKind = opts.perKind ?? 3;
  const rows = reports.momentSources(scope, opts.maxCalls ?? 200);
  const out: Moment[] = [];
  const seen = new Set<string>();
  for (const kind of ['weakness', 'strength'] as const) {
    let n = 0;
    for (const row of rows) {
      const a = JSON.parse(row.body) as CallAnalysis;
      for (const c of a.scorecard.criteria) {
        const answer = row.finals.get(c.id) ?? c.answer;
        const weak = answer === 'no' || answer === '1' || answer === '2';
        const strong = answer === 'yes' || answer === '5';
        if ((kind === 'weakness' ? !weak : !strong) || !c.evidence.length || seen.has(`${kind}:${c.id}`)) continue;
        const e = c.evidence[0]!;
        seen.add(`${kind}:${c.id}`);
        out.push({ recordingId: row.id, fileName: row.fileName, callAt: row.callAt, criterionId: c.id, question: c.question, answer, quote: redactor ? redactor.text(e.quote) : e.quote, start: e.start, kind });
        if (++n >= perKind) break;
      }
      if (n >= perKind) break;
    }
  }
  return out;
}
