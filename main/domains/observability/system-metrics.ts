import type { RollupBucket, RollupPoint, RollupsDao } from '../../../db/dao/rollups-dao.js';
import { systemSeriesKinds, type SystemMetrics, type SystemSeriesName } from '../../../preload/contract/schemas/observability.js';

const MIN = 60_000;
const ranges = { '1h': { span: 60 * MIN, bucket: MIN }, '24h': { span: 24 * 60 * MIN, bucket: 15 * MIN }, '7d': { span: 7 * 24 * 60 * MIN, bucket: 120 * MIN } } as const;

/**
 * The System view's series over a range, from the per-minute rollups: one value per bucket, read the
 * way each series means (events per minute, totals, mean or worst minute). A bucket in which the app
 * was not running at all is null (a gap in the chart, not a misleading zero).
 */
export function systemMetrics(dao: RollupsDao, range: keyof typeof ranges, live?: { minute: number; points: RollupPoint[] }, now = Date.now()): SystemMetrics {
  const { span, bucket } = ranges[range];
  const to = Math.floor(now / bucket) * bucket + bucket;
  const from = to - span;
  const times = Array.from({ length: span / bucket }, (_, i) => from + i * bucket);
  const index = new Map(times.map((t, i) => [t, i]));
  const rows = withLive(dao.range(from, to, bucket), live, bucket);
  const alive = new Set(rows.map((r) => r.bucket));
  const series = new Map<string, SystemMetrics['series'][number]>();
  for (const r of rows) {
    const name = r.name as SystemSeriesName;
    const kind = systemSeriesKinds[name];
    if (!kind) continue;
    const id = `${name}\u0000${r.key}`;
    let s = series.get(id);
    if (!s) {
      const empty = kind === 'per_min' || kind === 'sum' ? 0 : null;
      s = { name, key: r.key, values: times.map((t) => (alive.has(t) ? empty : null)) };
      series.set(id, s);
    }
    const i = index.get(r.bucket);
    if (i === undefined) continue;
    s.values[i] = kind === 'per_min' ? r.sum / (bucket / MIN) : kind === 'sum' ? r.sum : kind === 'max' ? r.max : r.avg;
  }
  return { range, bucketSec: bucket / 1000, times, series: [...series.values()] };
}

/** Fold the unfinished minute into its bucket, as one more minute (sum, max and mean updated). */
function withLive(rows: RollupBucket[], live: { minute: number; points: RollupPoint[] } | undefined, bucket: number): RollupBucket[] {
  if (!live) return rows;
  const at = Math.floor(live.minute / bucket) * bucket;
  const out = [...rows];
  for (const p of live.points) {
    const i = out.findIndex((r) => r.bucket === at && r.name === p.name && r.key === p.key);
    if (i < 0) {
      out.push({ bucket: at, name: p.name, key: p.key, sum: p.value, max: p.value, avg: p.value, minutes: 1 });
      continue;
    }
    const r = out[i]!;
    out[i] = { ...r, sum: r.sum + p.value, max: Math.max(r.max, p.value), avg: (r.avg * r.minutes + p.value) / (r.minutes + 1), minutes: r.minutes + 1 };
  }
  return out;
}
