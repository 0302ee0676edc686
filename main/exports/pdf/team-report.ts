import type { Writable } from 'node:stream';
import type { ReportsDao } from '../../../db/dao/reports-dao.js';
import type { AgentStats, CriterionRate } from '../report-data.js';
import { barChart, lineChart } from './charts.js';
import { createReport, header, heading, paragraph, pct, scoreColor, statTiles, table, theme } from './doc.js';

/**
 * Team summary for a date range: headline figures, daily trend, agents side by side, criteria pass rates.
 * teamReportData reads the database on the main thread and reduces the (up to 100,000) calls to their
 * figures, so only small plain data crosses to the render worker, where renderTeamReport lays it out.
 */
export interface TeamReportData {
  q: { from: string; to: string; queue?: string };
  totals: { calls: number; scored: number; avgScore: number | null; autoFails: number };
  agents: AgentStats[];
  rates: CriterionRate[];
  daily: { at: string; value: number }[];
  rubric: string | null;
  redacted: boolean;
}

export function teamReportData(reports: ReportsDao, q: { from: string; to: string; queue?: string; exceptIds?: number[] }, opts: { redacted: boolean }): TeamReportData {
  const scope = { from: q.from, to: q.to, queue: q.queue, exceptIds: q.exceptIds };
  const calls = reports.scoredCalls(scope, 100_000);
  const scored = calls.filter((c) => c.scorePct !== null);
  return {
    q: { from: q.from, to: q.to, ...(q.queue === undefined ? {} : { queue: q.queue }) },
    totals: {
      calls: calls.length,
      scored: scored.length,
      avgScore: scored.length ? scored.reduce((a, c) => a + c.scorePct!, 0) / scored.length : null,
      autoFails: calls.filter((c) => c.autoFailed).length,
    },
    agents: reports.agentStats(scope),
    rates: reports.criterionRates(scope),
    daily: reports.dailyScores(scope),
    rubric: reports.rubricVersions(scope),
    redacted: opts.redacted,
  };
}

export async function renderTeamReport(out: Writable, data: TeamReportData, opts: { now?: Date } = {}): Promise<number> {
  const { q, agents, rates } = data;
  const { calls, scored, avgScore: avg, autoFails } = data.totals;
  const r = createReport(out, { title: 'Team summary', generatedAt: opts.now ?? new Date(), rubric: data.rubric, redacted: data.redacted });
  header(r, 'Team report', 'Team summary', `${q.queue ? `Queue: ${q.queue}` : 'All queues'}  ·  ${q.from} to ${q.to}`);
  statTiles(r, [
    { label: 'Calls', value: String(calls), note: `${scored} scored` },
    { label: 'Agents', value: String(agents.length) },
    { label: 'Average score', value: pct(avg), color: scoreColor(avg) },
    { label: 'Auto-fails', value: String(autoFails), color: autoFails ? theme.bad : theme.ink },
  ]);
  if (!calls) paragraph(r, 'No calls in this period.', { color: theme.muted });
  heading(r, 'Average score per day');
  lineChart(r, data.daily, { title: 'Average final score (%)' });
  if (agents.length) {
    heading(r, 'Agents');
    table<AgentStats>(r, [
      { header: 'Agent', width: 0.4, cell: (a) => a.agent },
      { header: 'Calls', width: 0.14, align: 'right', cell: (a) => String(a.calls) },
      { header: 'Average', width: 0.16, align: 'right', cell: (a) => pct(a.avgScore), color: (a) => scoreColor(a.avgScore), font: () => 'semibold' },
      { header: 'Auto-fails', width: 0.15, align: 'right', cell: (a) => String(a.autoFails) },
      { header: 'Reviewed', width: 0.15, align: 'right', cell: (a) => String(a.reviewed) },
    ], agents);
  }
  if (rates.length) {
    heading(r, 'Criteria');
    barChart(r, [...rates].sort((a, b) => (a.passRate ?? 101) - (b.passRate ?? 101)).map((c) => ({ label: c.question, value: c.passRate })), { title: 'Pass rate per criterion, weakest first' });
  }
  return r.finish();
}
