import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { RollupPoint, RollupsDao } from '../../db/dao/rollups-dao.js';

const MINUTE = 60_000;
const KEEP_MS = 8 * 24 * 3_600_000;
/** Latency samples kept per provider per minute (percentiles of a busier minute come from these). */
const MAX_SAMPLES = 5_000;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** What the recorder reads at the end of each minute: queue depth and circuits now. */
export interface RollupGauges {
  queue: () => Record<string, number>;
  circuits: () => { provider: string; circuit: string }[];
}
const circuitValue: Record<string, number> = { closed: 0, half_open: 1, open: 2, isolated: 2 };

/**
 * The System view's history, kept by the app itself: counts of the minute (steps, provider requests
 * and errors, cost, imports, egress bytes), provider latency p50/p95, and at the minute's end the queue
 * depth, circuits, event-loop lag p99 and memory, written as one row per series into metric_rollups
 * on the minute boundary. Eight days are kept.
 */
export class RollupRecorder {
  private counts = new Map<string, number>();
  private latencies = new Map<string, number[]>();
  private circuitMax = new Map<string, number>();
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  private timer: NodeJS.Timeout | null = null;
  private minute: number;
  private prunedAt = 0;

  constructor(private readonly dao: RollupsDao, private readonly gauges: RollupGauges, private readonly now: () => number = Date.now) {
    this.minute = Math.floor(now() / MINUTE) * MINUTE;
  }

  start(): void {
    this.loop.enable();
    const arm = () => {
      this.timer = setTimeout(() => {
        this.flush();
        arm();
      }, Math.max(1, this.minute + MINUTE - this.now()));
      this.timer.unref();
    };
    arm();
  }

  /** Write what the current minute holds so far (shutdown), then stop. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flush();
    this.loop.disable();
  }

  count(name: string, key: string, n = 1): void {
    const k = `${name}\u0000${key}`;
    this.counts.set(k, (this.counts.get(k) ?? 0) + n);
  }

  latency(provider: string, ms: number): void {
    const xs = this.latencies.get(provider) ?? [];
    if (xs.length < MAX_SAMPLES) xs.push(ms);
    this.latencies.set(provider, xs);
  }

  circuit(provider: string, circuit: string): void {
    this.circuitMax.set(provider, Math.max(this.circuitMax.get(provider) ?? 0, circuitValue[circuit] ?? 2));
  }

  /** The current, unfinished minute as it stands (the System view shows it live). */
  current(): { minute: number; points: RollupPoint[] } {
    return { minute: this.minute, points: this.points() };
  }

  /** Close the current minute: write its rows and start the next (also what tests call). */
  flush(): void {
    // After a long pause (a laptop asleep, the timer late) what was counted lands in the last minute,
    // not in the minute the recorder last saw.
    const now0 = this.now();
    if (now0 - this.minute > 2 * MINUTE) this.minute = Math.floor((now0 - 1) / MINUTE) * MINUTE;
    this.dao.write(this.minute, this.points());
    this.counts = new Map();
    this.latencies = new Map();
    this.circuitMax = new Map();
    this.loop.reset();
    const now = this.now();
    this.minute = Math.floor(now / MINUTE) * MINUTE;
    if (now - this.prunedAt > 3_600_000) {
      this.prunedAt = now;
      this.dao.prune(now - KEEP_MS);
    }
  }

  private points(): RollupPoint[] {
    const points: RollupPoint[] = [];
    for (const [k, value] of this.counts) {
      const [name, key] = k.split('\u0000') as [string, string];
      points.push({ name, key, value });
    }
    for (const [provider, xs] of this.latencies) {
      const s = [...xs].sort((a, b) => a - b);
      points.push({ name: 'provider_p50_ms', key: provider, value: percentile(s, 0.5) }, { name: 'provider_p95_ms', key: provider, value: percentile(s, 0.95) });
    }
    const circuits = new Map(this.circuitMax);
    for (const c of this.gauges.circuits()) circuits.set(c.provider, Math.max(circuits.get(c.provider) ?? 0, circuitValue[c.circuit] ?? 2));
    for (const [provider, value] of circuits) points.push({ name: 'circuit', key: provider, value });
    for (const [state, n] of Object.entries(this.gauges.queue())) if (state !== 'done' && state !== 'cancelled' && state !== 'failed') points.push({ name: 'queue_depth', key: state, value: n });
    if (this.loop.count > 0) points.push({ name: 'loop_p99_ms', key: '', value: this.loop.percentile(99) / 1e6 });
    points.push({ name: 'rss_mb', key: '', value: process.memoryUsage.rss() / 1_048_576 });
    return points;
  }
}
