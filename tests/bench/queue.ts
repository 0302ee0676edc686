import type { BenchRow } from './bench-row.js';
import { defaultPipeline } from '../../main/jobs/pipeline.js';
import type { StepRunner } from '../../main/jobs/types.js';
import { insertRecordings, queueHarness, sleep } from '../helpers/queue-harness.js';
import { callQueueFakeProvider, startQueueFakeProvider } from '../helpers/queue-fake-provider.js';

/**
 * Queue figures for `npm run bench` (issue 4):
 *  1. overhead: 10,000 no-op jobs claimed (BEGIN IMMEDIATE + lease + fencing token) and completed
 *     (fenced CAS + next-step check) through the real scheduler on a real SQLite file → jobs/s;
 *     plainjob's published 15k jobs/s claim (unspecified hardware) is shown as the baseline;
 *  2. scheduling efficiency: 200 recordings × 5 steps through a fake provider answering in 300 ms at
 *     concurrency 8 → wall ÷ ideal (200 × 5 × 0.3 s / 8).
 */
export async function benchQueue(): Promise<BenchRow[]> {
  return [await overhead(10_000), await efficiency(200, 8, 300)];
}

export async function overhead(n: number): Promise<BenchRow> {
  const noop: StepRunner = { placement: () => ({ provider: 'local', lane: 'noop', concurrency: 8 }), run: async () => ({ kind: 'done' }) };
  const h = await queueHarness({ pipeline: { noop: [] }, runners: { noop }, start: false });
  try {
    const ids = insertRecordings(h.db, n);
    const now = Date.now();
    h.db.sqlite.transaction(() => {
      for (const id of ids) h.queue.scheduler.jobs.enqueue(id, ['noop'], now);
    })();
    const t0 = performance.now();
    h.queue.start();
    await untilDone(h.db.sqlite, n);
    const sec = (performance.now() - t0) / 1000;
    const perSec = n / sec;
    const raw = rawClaimComplete(h.db.sqlite, n);
    return {
      name: `${n.toLocaleString('en')} no-op jobs claimed + completed`, value: Math.round(perSec), unit: 'jobs/s',
      baselineName: 'same claim + fenced complete as bare SQL, one job per transaction, this run', baseline: Math.round(raw), ratio: perSec / raw,
      target: '≥ 2,000 jobs/s', pass: perSec >= 2000,
      note: `${sec.toFixed(2)} s wall, real SQLite file (WAL, synchronous=NORMAL); plainjob publishes 15k jobs/s on unspecified hardware (${(perSec / 15_000).toFixed(2)}× that)`,
    };
  } finally {
    await h.close();
  }
}

async function efficiency(recordings: number, concurrency: number, latencyMs: number): Promise<BenchRow> {
  const provider = await startQueueFakeProvider({ latencyMs });
  const steps = Object.keys(defaultPipeline); // the app's real DAG, whatever it has grown to
  const runner: StepRunner = {
    placement: () => ({ provider: 'fake', lane: 'fake', concurrency }),
    run: async (ctx) => (await callQueueFakeProvider(provider.url, `/${ctx.job.step}`, ctx.signal), { kind: 'done' }),
  };
  const h = await queueHarness({ pipeline: defaultPipeline, runners: Object.fromEntries(steps.map((s) => [s, runner])), start: false });
  try {
    for (const id of insertRecordings(h.db, recordings)) h.queue.scheduler.jobs.enqueue(id, ['probe'], Date.now());
    const t0 = performance.now();
    h.queue.start();
    const total = recordings * steps.length;
    await untilDone(h.db.sqlite, total);
    const wall = (performance.now() - t0) / 1000;
    const ideal = (total * latencyMs) / 1000 / concurrency;
    return {
      name: `${recordings} recordings × ${steps.length} steps, ${latencyMs} ms provider, concurrency ${concurrency}`,
      value: wall, unit: 's', baselineName: 'ideal', baseline: ideal, ratio: wall / ideal,
      target: 'wall ÷ ideal ≤ 1.15', pass: wall / ideal <= 1.15, note: `${provider.requests.length} provider calls`,
    };
  } finally {
    await h.close();
    await provider.close();
  }
}

/**
 * The floor under the queue's overhead, measured on the same file: reset the jobs, then claim and
 * complete each with the two bare statements (BEGIN IMMEDIATE; UPDATE … RETURNING; UPDATE … WHERE token)
 * and nothing else: no scheduler, leases, heartbeats, events or next-step checks.
 */
function rawClaimComplete(sqlite: import('better-sqlite3').Database, n: number): number {
  sqlite.prepare(`UPDATE jobs SET state = 'queued'`).run();
  const claim = sqlite.prepare(`UPDATE jobs SET state = 'running', fencing_token = fencing_token + 1
    WHERE id = (SELECT id FROM jobs WHERE state = 'queued' ORDER BY priority DESC, next_run_at, id LIMIT 1)
    RETURNING id, fencing_token AS token`);
  const done = sqlite.prepare(`UPDATE jobs SET state = 'done' WHERE id = ? AND fencing_token = ?`);
  const one = sqlite.transaction(() => {
    const r = claim.get() as { id: number; token: number } | undefined;
    if (r) done.run(r.id, r.token);
    return !!r;
  });
  const t0 = performance.now();
  let count = 0;
  while (count < n && one.immediate()) count++;
  return count / ((performance.now() - t0) / 1000);
}

/** Poll the done count (index-only) every 20 ms; the poll itself must not be part of what we measure. */
async function untilDone(sqlite: import('better-sqlite3').Database, n: number): Promise<void> {
  const st = sqlite.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE state = 'done'`);
  const t0 = Date.now();
  while ((st.get() as { n: number }).n < n) {
    if (Date.now() - t0 > 600_000) throw new Error('bench timed out');
    await sleep(20);
  }
}
