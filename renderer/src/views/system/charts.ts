import type { ImportBatchReport } from '../../../../preload/contract/schemas/estimates.js';
import type { SystemMetrics, SystemSeriesName } from '../../../../preload/contract/schemas/observability.js';
import type { ChartOption } from '../dashboard/EChart.js';
import type { themeColors } from '../dashboard/EChart.js';
import { providerName } from '../provider-name.js';
import { stateLabels, stepLabels } from '../queue/labels.js';

/** ECharts options for the System view, from the stored rollups (pure: data in, option out). */
type C = ReturnType<typeof themeColors>;

const clock = (m: SystemMetrics) => (t: number) =>
  m.range === '7d' ? new Date(t).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' }) : new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

const base = (c: C, m: SystemMetrics, unit: string) => ({
  animation: false,
  textStyle: { color: c.text, fontFamily: 'inherit' },
  grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
  tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => (typeof v === 'number' ? `${Math.round(v * 100) / 100}${unit}` : '—') },
  legend: { top: 0, type: 'scroll' as const, textStyle: { color: c.muted } },
  xAxis: { type: 'category' as const, data: m.times.map(clock(m)), axisLine: { lineStyle: { color: c.border } }, axisLabel: { color: c.muted } },
  yAxis: { type: 'value' as const, axisLabel: { color: c.muted, formatter: `{value}${unit}` }, splitLine: { lineStyle: { color: c.border, type: 'dashed' as const } } },
});

const of = (m: SystemMetrics, name: SystemSeriesName) => m.series.filter((s) => s.name === name);
// Points drawn too: a minute of activity between idle gaps is a single point, which a bare line would not show.
const line = (name: string, data: (number | null)[], extra: object = {}) => ({ type: 'line', name, data, showSymbol: true, showAllSymbol: true, symbolSize: 5, connectNulls: false, ...extra });

export function throughput(m: SystemMetrics, c: C): ChartOption {
  return { ...base(c, m, '/min'), series: of(m, 'steps_done').map((s) => line(stepLabels[s.key] ?? s.key, s.values)) };
}

export function providerLatency(m: SystemMetrics, c: C): ChartOption {
  const sec = (xs: (number | null)[]) => xs.map((x) => (x === null ? null : x / 1000));
  return {
    ...base(c, m, ' s'),
    series: [
      ...of(m, 'provider_p50_ms').map((s) => line(`${providerName(s.key)} p50`, sec(s.values))),
      ...of(m, 'provider_p95_ms').map((s) => line(`${providerName(s.key)} p95`, sec(s.values), { lineStyle: { type: 'dashed' } })),
    ],
  };
}

export function providerErrors(m: SystemMetrics, c: C): ChartOption {
  const errors = new Map(of(m, 'provider_errors').map((s) => [s.key, s.values]));
  return {
    ...base(c, m, '%'),
    series: of(m, 'provider_requests').map((req) => line(providerName(req.key), req.values.map((n, i) => (n === null ? null : n === 0 ? 0 : (100 * (errors.get(req.key)?.[i] ?? 0)) / n)))),
  };
}

export function queueDepth(m: SystemMetrics, c: C): ChartOption {
  return {
    ...base(c, m, ''),
    series: of(m, 'queue_depth').map((s) => line(stateLabels[s.key as keyof typeof stateLabels] ?? s.key, s.values, { stack: 'depth', areaStyle: { opacity: 0.25 } })),
  };
}

export function cost(m: SystemMetrics, c: C): ChartOption {
  return { ...base(c, m, ''), tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `$${v.toFixed(4)}` : '—') }, yAxis: { ...base(c, m, '').yAxis, axisLabel: { color: c.muted, formatter: '${value}' } }, series: of(m, 'cost_usd').map((s) => ({ type: 'bar', stack: 'cost', name: providerName(s.key), data: s.values })) };
}

export function imports(m: SystemMetrics, c: C): ChartOption {
  const color: Record<string, string> = { imported: c.ok, duplicate: c.muted, failed: c.bad };
  return { ...base(c, m, '/min'), series: of(m, 'imports').map((s) => ({ type: 'bar', stack: 'imports', name: s.key, data: s.values, itemStyle: { color: color[s.key] } })) };
}

export function processHealth(m: SystemMetrics, c: C): ChartOption {
  const b = base(c, m, '');
  return {
    ...b,
    yAxis: [{ ...b.yAxis, axisLabel: { color: c.muted, formatter: '{value} ms' } }, { ...b.yAxis, axisLabel: { color: c.muted, formatter: '{value} MB' }, splitLine: { show: false } }],
    series: [
      ...of(m, 'loop_p99_ms').map((s) => line('Event-loop lag p99', s.values)),
      ...of(m, 'rss_mb').map((s) => line('Memory (RSS)', s.values, { yAxisIndex: 1 })),
    ],
  };
}

export function circuits(m: SystemMetrics, c: C): ChartOption {
  const names = ['closed', 'half-open', 'open'];
  return {
    ...base(c, m, ''),
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? names[v] ?? String(v) : '—') },
    yAxis: { ...base(c, m, '').yAxis, min: 0, max: 2, interval: 1, axisLabel: { color: c.muted, formatter: (v: number) => names[v] ?? '' } },
    series: of(m, 'circuit').map((s) => line(providerName(s.key), s.values, { step: 'end' })),
  };
}

/** Estimated against actual USD per import batch, oldest first (a batch still running shows its spend so far). */
export function batchCosts(batches: readonly ImportBatchReport[], c: C): ChartOption {
  const list = [...batches].reverse();
  const label = (b: ImportBatchReport) => new Date(b.createdAt).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return {
    animation: false,
    textStyle: { color: c.text, fontFamily: 'inherit' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: c.muted } },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `$${v.toFixed(4)}` : '—') },
    xAxis: { type: 'category', data: list.map(label), axisLine: { lineStyle: { color: c.border } }, axisLabel: { color: c.muted } },
    yAxis: { type: 'value', axisLabel: { color: c.muted, formatter: '${value}' }, splitLine: { lineStyle: { color: c.border, type: 'dashed' } } },
    series: [
      { type: 'bar', name: 'Estimated', data: list.map((b) => b.estimate.totalUsd), itemStyle: { color: c.muted } },
      { type: 'bar', name: 'Actual', data: list.map((b) => b.actual.usd), itemStyle: { color: c.accent } },
    ],
  };
}
