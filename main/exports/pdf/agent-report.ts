import type { Writable } from 'node:stream';
import type { ReportsDao } from '../../../db/dao/reports-dao.js';
import type { Redactor } from '../redaction.js';
import { exampleMoments, type CriterionRate, type Moment, type ScoredCall } from '../report-data.js';
import { clock, date, dateTime } from '../../../preload/contract/time-format.js';
import { barChart, lineChart } from './charts.js';
import { createReport, header, heading, paragraph, pct, scoreColor, statTiles, table, theme } from './doc.js';

/**
 * Per-agent report for a date range: headline figures, score over time, criteria from strongest to
 * weakest, example moments (quotes with call and time) to coach from, and the calls in the period.
 * Two halves: agentReportData reads the database (main thread); renderAgentReport lays the PDF out
 * from that plain, structured-clone-able data (in the render worker, render-in-worker.ts).
 */
export interface AgentReportData {
  q: { agent: string; from: string; to: string };
  calls: ScoredCall[];
  rates: CriterionRate[];
  moments: Moment[];
  rubric: string | null;
  redacted: boolean;
}

export function agentReportData(reports: ReportsDao, q: { agent: string; from: string; to: string; exceptIds?: number[] }, redactor: Redactor | null): AgentReportData {
  const scope = { agent: q.agent, from: q.from, to: q.to, exceptIds: q.exceptIds };
  return {
    q: { agent: q.agent, from: q.from, to: q.to },
    calls: reports.scoredCalls(scope),
    rates: reports.criterionRates(scope),
    moments: exampleMoments(reports, scope, redactor),
    rubric: reports.rubricVersions(scope),
    redacted: !!redactor,
  };
}

export async function renderAgentReport(out: Writable, data: AgentReportData, opts: { now?: Date } = {}): Promise<number> {
  const { q, calls, rates, moments } = data;
  const r = createReport(out, {
    title: `Agent report: ${q.agent}`, generatedAt: opts.now ?? new Date(), rubric: data.rubric, redacted: data.redacted,
  });
  header(r, 'Agent report', q.agent, `${q.from} to ${q.to}`);
  const scored = calls.filter((c) => c.scorePct !== null);
  const avg = scored.length ? scored.reduce((a, c) => a + c.scorePct!, 0) / scored.length : null;
  const autoFails = calls.filter((c) => c.autoFailed).length;
  const answered = rates.reduce((a, c) => a + c.answered, 0);
  const passRate = answered ? (rates.reduce((a, c) => a + c.passed, 0) / answered) * 100 : null;
  statTiles(r, [
    { label: 'Calls', value: String(calls.length), note: `${scored.length} scored` },
    { label: 'Average score', value: pct(avg), color: scoreColor(avg) },
    { label: 'Criteria passed', value: pct(passRate) },
    { label: 'Auto-fails', value: String(autoFails), color: autoFails ? theme.bad : theme.ink },
  ]);
  if (!calls.length) paragraph(r, 'No calls for this agent in this period.', { color: theme.muted });

  heading(r, 'Score over time');
  lineChart(r, scored.map((c) => ({ at: c.callAt, value: c.scorePct! })), { title: 'Final score per call (%)' });

  if (rates.length) {
    heading(r, 'Strengths and weaknesses');
    const sorted = [...rates].sort((a, b) => (b.passRate ?? -1) - (a.passRate ?? -1));
    barChart(r, sorted.map((c) => ({ label: c.question, value: c.passRate })), { title: 'Pass rate per criterion, strongest first' });
  }

  if (moments.length) {
    heading(r, 'Example moments');
    table<Moment>(r, [
      { header: 'Kind', width: 0.13, cell: (m) => (m.kind === 'strength' ? 'Strength' : 'To improve'), color: (m) => (m.kind === 'strength' ? theme.good : theme.bad), font: () => 'semibold' },
      { header: 'Criterion', width: 0.37, cell: (m) => m.question },
      { header: 'Call', width: 0.38, cell: (m) => `${m.fileName} (${date(m.callAt)})` },
      { header: 'At', width: 0.12, align: 'right', cell: (m) => clock(m.start) },
    ], moments, { detail: (m) => `“${m.quote}”` });
  }

  if (calls.length) {
    heading(r, 'Calls');
    table<ScoredCall>(r, [
      { header: 'Date', width: 0.2, cell: (c) => dateTime(c.callAt) },
      { header: 'Call', width: 0.46, cell: (c) => c.fileName },
      { header: 'Outcome', width: 0.16, cell: (c) => c.outcome ?? '' },
      { header: 'Score', width: 0.18, align: 'right', cell: (c) => (c.autoFailed ? `${pct(c.scorePct)} (auto-fail)` : pct(c.scorePct)), color: (c) => scoreColor(c.scorePct), font: () => 'semibold' },
    ], calls.slice(0, 500));
    if (calls.length > 500) paragraph(r, `Showing the first 500 of ${calls.length} calls; export CSV for all of them.`, { color: theme.muted, size: 8 });
  }
  return r.finish();
}
