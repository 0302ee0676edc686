import { useEffect, useMemo } from 'react';
import { callOutcomes } from '../../../preload/contract/schemas/calls.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useDashboard } from '../stores/dashboard-store.js';
import { AgentTable } from './dashboard/AgentTable.js';
import * as charts from './dashboard/charts.js';
import { ChartCard } from './dashboard/ChartCard.js';
import { themeColors, useThemeAttr } from './dashboard/EChart.js';
import { openCalls, weekEnd } from './dashboard/open-calls.js';
import { Overview } from './dashboard/Overview.js';
import { RangeBar } from './dashboard/RangeBar.js';
import { ReviewAssignments } from './dashboard/ReviewAssignments.js';
import { DisputeRates } from './dashboard/DisputeRates.js';
import { can, useSession } from '../stores/session-store.js';
import { ViewHeader } from './ViewHeader.js';
import './dashboard/dashboard.css';

const pctLabel = (v: number | null) => (v === null ? 'no answers' : `${Math.round(v * 1000) / 10}%`);

/**
 * Scores, compliance, sentiment, calibration and cost across the calls of a date range. Every chart
 * element opens the Calls view filtered to exactly the calls behind it.
 */
export function DashboardView() {
  const { data, loading, error, from, to, load } = useDashboard();
  const me = useSession((s) => s.me);
  const theme = useThemeAttr();
  useEffect(() => void load(), [load]);
  // Recompute options when the theme flips so axis and text colours follow it.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const c = useMemo(() => themeColors(), [theme]);
  const range = { from, to };
  const opt = useMemo(() => (data ? {
    dist: charts.scoreDistribution(data, c), agents: charts.agentScores(data, c), pass: charts.passRate(data, c), over: charts.overrideRate(data, c), unsupported: charts.unsupportedRate(data, c),
    reasons: charts.counts(data.topReasons, c), outcomes: charts.counts(data.outcomes, c), sentiment: charts.sentimentTrend(data, c), cost: charts.costPerDay(data, c),
  } : null), [data, c]);

  const header = (
    <>
      <ViewHeader title="Dashboard" subtitle="Scores, compliance, sentiment and reviewer calibration across your calls." />
      {/* The team's review work is not about a date range: shown whatever the range holds. */}
      {me?.mode === 'users' && can(me, 'lead') ? <ReviewAssignments /> : null}
      <RangeBar />
    </>
  );
  if (error && !data) return <>{header}<ErrorBanner error={error} onRetry={load} /></>;
  if (!data || !opt) return <>{header}<div className="dash-grid" aria-busy="true">{[0, 1, 2, 3].map((i) => <div key={i} className="skeleton" />)}</div></>;
  if (data.overview.scored === 0) {
    return (
      <>
        {header}
        <EmptyState icon="dashboard" title={data.overview.calls ? 'No scored calls in this range' : 'No scored calls yet'}>
          <p>Charts appear here once calls have been analysed: score distribution, scores per agent, compliance pass rates and how often reviewers override the AI.</p>
        </EmptyState>
      </>
    );
  }
  const reasonRows = [...data.topReasons].reverse();
  const outcomeRows = [...data.outcomes].reverse();
  const passRows = [...charts.complianceRows(data)].reverse();
  const overrideRows = [...data.overrideRate].reverse();
  const supportRows = [...data.criterionSupport].reverse();
  return (
    <>
      {header}
      {error ? <ErrorBanner error={error} onRetry={load} /> : null}
      <Overview o={data.overview} loading={loading} />
      <div className="dash-grid">
        <ChartCard title="Score distribution" hint="Click a bar to list those calls" option={opt.dist}
          onClick={(e) => { const b = data.scoreDistribution[e.dataIndex]; if (b) openCalls({ minScore: b.from, maxScore: b.to === 100 ? 100 : b.to + 0.99 }, range); }} />
        <ChartCard title="Average score per agent, by week" hint="Click a point for that agent's calls that week" option={opt.agents}
          empty={data.agentScoreOverTime.length ? null : 'No agent is set on these calls. Set it in each call\'s details, a calls.csv sidecar, or the file-name pattern in Settings (e.g. {date}_{agent}_{callId}).'}
          onClick={(e) => e.seriesName && openCalls({ agent: e.seriesName, from: e.name, to: weekEnd(e.name) }, range)} />
        <ChartCard title="Compliance pass rate per criterion" hint="Click a criterion for the calls that failed it" option={opt.pass} height={Math.max(200, passRows.length * 28 + 40)}
          links={charts.complianceRows(data).map((r) => ({ label: `${r.question || r.criterionId}: ${pctLabel(r.passRate)} pass, ${r.answered - r.passed} failed`, open: () => openCalls({ criterion: r.criterionId, criterionResult: 'fail' }, range) }))}
          onClick={(e) => { const r = passRows[e.dataIndex]; if (r) openCalls({ criterion: r.criterionId, criterionResult: 'fail' }, range); }} />
        <ChartCard title="AI vs reviewer: override rate per criterion" hint="How often reviewers change the AI's answer (calibration). Click for the calls where it was overridden" option={opt.over}
          height={Math.max(200, data.overrideRate.length * 28 + 40)}
          links={data.overrideRate.map((r) => ({ label: `${r.question || r.criterionId}: ${r.overridden} overridden of ${r.answers}`, open: () => openCalls({ criterion: r.criterionId, criterionResult: 'overridden' }, range) }))}
          onClick={(e) => { const r = overrideRows[e.dataIndex]; if (r) openCalls({ criterion: r.criterionId, criterionResult: 'overridden' }, range); }} />
        <ChartCard title="AI answers without evidence, per criterion" hint="Answers that cite nothing verified in the call (an absence claim is not counted). Click for those calls" option={opt.unsupported}
          height={Math.max(200, data.criterionSupport.length * 28 + 40)}
          links={data.criterionSupport.map((r) => ({ label: `${r.question || r.criterionId}: ${r.unsupported} unsupported of ${r.aiAnswers} AI answers`, open: () => openCalls({ criterion: r.criterionId, criterionResult: 'unsupported' }, range) }))}
          onClick={(e) => { const r = supportRows[e.dataIndex]; if (r) openCalls({ criterion: r.criterionId, criterionResult: 'unsupported' }, range); }} />
        <ChartCard title="Top call reasons" option={opt.reasons} height={Math.max(200, reasonRows.length * 26 + 40)}
          links={data.topReasons.map((r) => ({ label: `${r.value}: ${r.count} calls`, open: () => openCalls({ reason: r.value }, range) }))}
          onClick={(e) => { const r = reasonRows[e.dataIndex]; if (r) openCalls({ reason: r.value }, range); }} hint="Click a reason for its calls" />
        <ChartCard title="Outcomes" option={opt.outcomes} height={Math.max(160, outcomeRows.length * 30 + 40)}
          links={data.outcomes.flatMap((r) => { const o = callOutcomes.find((x) => x === r.value); return o ? [{ label: `${r.value}: ${r.count} calls`, open: () => openCalls({ outcome: o }, range) }] : []; })}
          onClick={(e) => { const r = outcomeRows[e.dataIndex]; const o = callOutcomes.find((x) => x === r?.value); if (o) openCalls({ outcome: o }, range); }} hint="Click an outcome for its calls" />
        <ChartCard title="Customer sentiment by day" hint="Click a day for its calls" option={opt.sentiment}
          onClick={(e) => openCalls({ from: e.name, to: e.name }, range)} />
        <ChartCard title="Processing cost per day" hint="Transcription + analysis, by the day analysed" option={opt.cost}
          onClick={(e) => openCalls({ from: e.name, to: e.name }, range)} />
        {me?.mode === 'users' ? <DisputeRates d={data.disputes} c={c} /> : null}
      </div>
      <AgentTable rows={data.agentScoreOverTime} range={range} />
    </>
  );
}
