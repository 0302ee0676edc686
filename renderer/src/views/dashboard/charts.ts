import type { DashboardView } from '../../../../preload/contract/operations/dashboard.js';
import type { ChartOption } from './EChart.js';
import { themeColors } from './EChart.js';
import { scoreBand } from '../../../../preload/contract/score-band.js';

/** ECharts options for each dashboard chart, from the API's aggregates (pure: data in, option out). */
type C = ReturnType<typeof themeColors>;

const base = (c: C) => ({
  animation: false,
  textStyle: { color: c.text, fontFamily: c.font },
  grid: { left: 8, right: 28, top: 24, bottom: 12, containLabel: true },
  tooltip: { trigger: 'item' as const },
});
const axis = (c: C) => ({ axisLine: { lineStyle: { color: c.border } }, axisLabel: { color: c.muted }, splitLine: { lineStyle: { color: c.border, type: 'dashed' as const } } });
const pct = (v: number | null) => (v === null ? 0 : Math.round(v * 1000) / 10);
/** The app's one score colour scale, in the theme's colours. */
const bandColor = (c: C) => ({ none: c.muted, poor: c.bad, fair: c.warn, good: c.ok });

export function scoreDistribution(d: DashboardView, c: C): ChartOption {
  return {
    ...base(c),
    xAxis: { type: 'category', data: d.scoreDistribution.map((b) => `${b.from}–${b.to}`), ...axis(c) },
    yAxis: { type: 'value', minInterval: 1, ...axis(c) },
    series: [{ type: 'bar', name: 'Calls', data: d.scoreDistribution.map((b) => ({ value: b.count, itemStyle: { color: bandColor(c)[scoreBand(b.from)] } })), cursor: 'pointer' }],
  };
}

/** The agents with the most calls (a line per agent; more than 8 lines is unreadable). */
export function agentScores(d: DashboardView, c: C): ChartOption {
  const totals = new Map<string, number>();
  for (const r of d.agentScoreOverTime) totals.set(r.agent, (totals.get(r.agent) ?? 0) + r.calls);
  const agents = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([a]) => a);
  const periods = [...new Set(d.agentScoreOverTime.map((r) => r.period))].sort();
  return {
    ...base(c),
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: c.muted }, type: 'scroll' },
    grid: { ...base(c).grid, top: 36 },
    xAxis: { type: 'category', data: periods, ...axis(c) },
    yAxis: { type: 'value', min: 0, max: 100, ...axis(c) },
    series: agents.map((a) => ({
      type: 'line', name: a, connectNulls: true, symbolSize: 7, cursor: 'pointer',
      data: periods.map((p) => {
        const r = d.agentScoreOverTime.find((x) => x.agent === a && x.period === p);
        return r ? Math.round(r.avgScore * 10) / 10 : null;
      }),
    })),
  };
}

/** Horizontal bars need room for their category labels: a fixed gutter, labels truncated to fit it. */
// The gutter is wider than the label box (plus ECharts' 8 px margin) so no label loses its first letter;
// the value axis keeps room below and to the right for "100%".
const labelled = (c: C) => ({ ...base(c), grid: { left: 196, right: 28, top: 8, bottom: 28, containLabel: false } });
const categoryAxis = (c: C, data: string[]) => ({ type: 'category' as const, data, ...axis(c), axisLabel: { color: c.muted, width: 168, overflow: 'truncate' as const, ellipsis: '…', margin: 10 } });

function criterionBars(rows: { question: string; criterionId: string; value: number }[], c: C, color: (v: number) => string, name: string): ChartOption {
  const sorted = [...rows].reverse();
  return {
    ...labelled(c),
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number; dataIndex: number }) => `${sorted[p.dataIndex]?.question ?? p.name}<br/>${name}: ${p.value}%` },
    xAxis: { type: 'value', min: 0, max: 100, ...axis(c), axisLabel: { color: c.muted, formatter: '{value}%' } },
    yAxis: categoryAxis(c, sorted.map((r) => r.question || r.criterionId)),
    series: [{ type: 'bar', name, cursor: 'pointer', data: sorted.map((r) => ({ value: r.value, itemStyle: { color: color(r.value) } })) }],
  };
}

/** The rubric's Compliance section when it has one (soft skills are not compliance); else every criterion. */
export const complianceRows = (d: DashboardView) => {
  const compliance = d.criterionPassRate.filter((r) => /compliance/i.test(r.section));
  return compliance.length ? compliance : d.criterionPassRate;
};

export function passRate(d: DashboardView, c: C): ChartOption {
  return criterionBars(complianceRows(d).map((r) => ({ ...r, value: pct(r.passRate) })), c, (v) => (v < 70 ? c.bad : v < 90 ? c.warn : c.ok), 'Pass rate');
}

export function overrideRate(d: DashboardView, c: C): ChartOption {
  return criterionBars(d.overrideRate.map((r) => ({ ...r, value: pct(r.overrideRate) })), c, (v) => (v > 20 ? c.bad : v > 5 ? c.warn : c.accent), 'Overridden');
}

/** Share of the AI's answers that cite nothing verified in the call, per criterion. */
export function unsupportedRate(d: DashboardView, c: C): ChartOption {
  return criterionBars(d.criterionSupport.map((r) => ({ ...r, value: pct(r.unsupportedRate) })), c, (v) => (v > 20 ? c.bad : v > 5 ? c.warn : c.ok), 'Unsupported');
}

/**
 * Team QA disputes, per criterion or per reviewer: the share of reviewed calls disputed and the share
 * of resolved disputes whose answer stood (upheld), side by side.
 */
export function disputeRates(rows: { label: string; disputeRate: number | null; upheldRate: number | null; disputed: number; resolved: number; reviewed: number }[], c: C): ChartOption {
  const sorted = [...rows].reverse();
  return {
    ...labelled(c),
    grid: { left: 212, right: 28, top: 30, bottom: 28, containLabel: false },
    legend: { top: 0, itemGap: 20, textStyle: { color: c.muted } },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number; seriesName: string; value: number }) => {
        const r = sorted[p.dataIndex]!;
        return p.seriesName === 'Disputed' ? `${r.label}<br/>Disputed: ${r.disputed} of ${r.reviewed} reviewed (${p.value}%)` : `${r.label}<br/>Upheld: ${p.value}% of ${r.resolved} resolved`;
      },
    },
    xAxis: { type: 'value', min: 0, max: 100, ...axis(c), axisLabel: { color: c.muted, formatter: '{value}%' } },
    yAxis: categoryAxis(c, sorted.map((r) => r.label)),
    series: [
      { type: 'bar', name: 'Disputed', itemStyle: { color: c.warn }, data: sorted.map((r) => pct(r.disputeRate)) },
      { type: 'bar', name: 'Upheld', itemStyle: { color: c.accent }, data: sorted.map((r) => pct(r.upheldRate)) },
    ],
  };
}

export function counts(rows: { value: string; count: number }[], c: C): ChartOption {
  const sorted = [...rows].reverse();
  return {
    ...labelled(c),
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', minInterval: 1, ...axis(c) },
    yAxis: categoryAxis(c, sorted.map((r) => r.value)),
    series: [{ type: 'bar', name: 'Calls', cursor: 'pointer', itemStyle: { color: c.accent }, data: sorted.map((r) => r.count) }],
  };
}

export function sentimentTrend(d: DashboardView, c: C): ChartOption {
  const days = d.sentimentTrend.map((r) => r.day);
  return {
    ...base(c),
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: c.muted } },
    grid: { ...base(c).grid, top: 36 },
    xAxis: { type: 'category', data: days, ...axis(c) },
    yAxis: { type: 'value', minInterval: 1, ...axis(c) },
    series: [
      { type: 'bar', stack: 's', name: 'Positive', itemStyle: { color: c.ok }, data: d.sentimentTrend.map((r) => r.positive), cursor: 'pointer' },
      { type: 'bar', stack: 's', name: 'Neutral', itemStyle: { color: c.muted }, data: d.sentimentTrend.map((r) => r.neutral), cursor: 'pointer' },
      { type: 'bar', stack: 's', name: 'Negative', itemStyle: { color: c.bad }, data: d.sentimentTrend.map((r) => r.negative), cursor: 'pointer' },
    ],
  };
}

export function costPerDay(d: DashboardView, c: C): ChartOption {
  return {
    ...base(c),
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number; dataIndex: number }) => `${p.name}<br/>$${p.value.toFixed(4)} · ${d.costPerDay[p.dataIndex]?.calls ?? 0} calls` },
    xAxis: { type: 'category', data: d.costPerDay.map((r) => r.day), ...axis(c) },
    yAxis: { type: 'value', ...axis(c), axisLabel: { color: c.muted, formatter: (v: number) => `$${v}` } },
    series: [{ type: 'bar', name: 'Cost', cursor: 'pointer', itemStyle: { color: c.accent }, data: d.costPerDay.map((r) => Math.round(r.costUsd * 10000) / 10000) }],
  };
}
