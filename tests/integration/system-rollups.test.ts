import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RollupsDao } from '../../db/dao/rollups-dao.js';
import type { AppDatabase } from '../../db/open.js';
import { systemMetrics } from '../../main/domains/observability/system-metrics.js';
import { RollupRecorder } from '../../main/observability/rollups.js';
import { openQueueDb } from '../helpers/queue-harness.js';

/**
 * The System view's history (issue 13 item 4) on a real SQLite file with a clock the test moves:
 * what one minute records, how the API reads minutes back per range (events per minute, totals,
 * worst minute), gaps where the app was not running, the live minute, and the 8-day retention.
 */
const MIN = 60_000;
const dbs: AppDatabase[] = [];
afterEach(() => dbs.splice(0).forEach((d) => d.close()));

async function setup(start: number) {
  const db = await openQueueDb(join(mkdtempSync(join(tmpdir(), 'cca-rollups-')), 'cca.sqlite'));
  dbs.push(db);
  const clock = { now: start };
  const queue: Record<string, number> = { queued: 5, running: 2, done: 40 };
  const circuits = [{ provider: 'openai', circuit: 'closed' }];
  const dao = new RollupsDao(db);
  const rec = new RollupRecorder(dao, { queue: () => queue, circuits: () => circuits }, () => clock.now);
  return { db, dao, rec, clock, queue, circuits };
}
const series = (m: ReturnType<typeof systemMetrics>, name: string, key = '') => m.series.find((s) => s.name === name && s.key === key)?.values;

describe('system rollups', () => {
  it('records a minute, reads it back per range, leaves gaps where the app was off', async () => {
    const t0 = Date.UTC(2026, 11, 3, 10, 0, 0);
    const { dao, rec, clock, queue, circuits } = await setup(t0);
    // Minute 10:00 — 3 transcriptions done, one failed, 4 requests (one 500), latencies, cost, imports.
    for (let i = 0; i < 3; i++) rec.count('steps_done', 'transcribe');
    rec.count('steps_failed', 'transcribe');
    for (const ms of [100, 200, 300, 4000]) rec.latency('elevenlabs', ms);
    rec.count('provider_requests', 'elevenlabs', 4);
    rec.count('provider_errors', 'elevenlabs');
    rec.count('cost_usd', 'elevenlabs', 0.25);
    rec.count('imports', 'imported', 7);
    circuits[0]!.circuit = 'open';
    clock.now = t0 + MIN;
    rec.flush();
    // Minute 10:01 — 6 more done, the queue drained, circuit closed again.
    for (let i = 0; i < 6; i++) rec.count('steps_done', 'transcribe');
    queue.queued = 0;
    circuits[0]!.circuit = 'closed';
    clock.now = t0 + 2 * MIN;
    rec.flush();
    // 10:02–10:04: the app was not running. 10:05 is live (not written yet).
    clock.now = t0 + 5 * MIN + 10_000;
    const fresh = new RollupRecorder(dao, { queue: () => queue, circuits: () => circuits }, () => clock.now);
    fresh.count('steps_done', 'analyze', 2);

    const m = systemMetrics(dao, '1h', fresh.current(), clock.now);
    expect(m.bucketSec).toBe(60);
    expect(m.times).toHaveLength(60);
    const at = (t: number) => m.times.indexOf(t);
    const done = series(m, 'steps_done', 'transcribe')!;
    expect([done[at(t0)], done[at(t0 + MIN)], done[at(t0 + 3 * MIN)], done[at(t0 + 5 * MIN)]]).toEqual([3, 6, null, 0]);
    expect(series(m, 'steps_done', 'analyze')![at(t0 + 5 * MIN)]).toBe(2); // the live minute
    expect(series(m, 'steps_failed', 'transcribe')![at(t0)]).toBe(1);
    expect(series(m, 'provider_p50_ms', 'elevenlabs')![at(t0)]).toBe(300);
    expect(series(m, 'provider_p95_ms', 'elevenlabs')![at(t0)]).toBe(4000);
    expect(series(m, 'provider_errors', 'elevenlabs')![at(t0)]).toBe(1);
    expect(series(m, 'cost_usd', 'elevenlabs')![at(t0)]).toBe(0.25);
    expect(series(m, 'imports', 'imported')![at(t0)]).toBe(7);
    expect(series(m, 'queue_depth', 'queued')!.slice(at(t0), at(t0) + 2)).toEqual([5, 0]);
    expect(series(m, 'queue_depth', 'running')![at(t0)]).toBe(2);
    expect(m.series.some((s) => s.name === 'queue_depth' && s.key === 'done')).toBe(false);
    expect(series(m, 'circuit', 'openai')!.slice(at(t0), at(t0) + 2)).toEqual([2, 0]);
    expect(series(m, 'rss_mb')![at(t0)]).toBeGreaterThan(10);

    // 24 h: 15-minute buckets; events per minute averaged over the bucket, the worst minute kept.
    const day = systemMetrics(dao, '24h', undefined, clock.now);
    expect(day.bucketSec).toBe(900);
    const b = day.times.indexOf(t0);
    expect(series(day, 'steps_done', 'transcribe')![b]).toBeCloseTo(9 / 15, 10);
    expect(series(day, 'provider_p95_ms', 'elevenlabs')![b]).toBe(4000);
    expect(series(day, 'circuit', 'openai')![b]).toBe(2);
  });

  it('keeps eight days', async () => {
    const t0 = Date.UTC(2026, 11, 1, 0, 0, 0);
    const { dao, rec, clock } = await setup(t0);
    rec.count('steps_done', 'probe');
    clock.now = t0 + MIN;
    rec.flush();
    clock.now = t0 + 9 * 24 * 60 * MIN;
    rec.count('steps_done', 'probe');
    rec.flush();
    // The first minute is older than eight days by then and goes; the new one stays.
    expect(dao.range(0, Number.MAX_SAFE_INTEGER, MIN).filter((r) => r.name === 'steps_done').map((r) => r.bucket)).toEqual([t0 + 9 * 24 * 60 * MIN - MIN]);
  });
});
