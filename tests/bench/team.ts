import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import pkg from '../../package.json' with { type: 'json' };
import { WorkerPool } from '../../main/jobs/worker-pool.js';
import type { StepRunner } from '../../main/jobs/types.js';
import { directLink } from '../../main/team/direct-link.js';
import { RedisTransport } from '../../main/team/redis-transport.js';
import { ServiceRegistry } from '../../main/team/service-registry.js';
import { WorkerService } from '../../main/team/worker-service.js';
import { startFakeElevenLabs, startFakeOpenAI } from '../fakes/index.js';
import { generateCalls, type CallScript } from '../helpers/fixtures.js';
import { localComputeServices } from '../helpers/local-compute.js';
import { insertRecordings, queueHarness, sleep } from '../helpers/queue-harness.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';
import { variantCalls } from '../helpers/variant-calls.js';
import { mintWorkerToken, startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';
import type { BenchRow } from './bench-row.js';
import { overhead } from './queue.js';

const { version } = pkg;

/**
 * The team server (issue 32), `npm run bench -- team`:
 *  1. provider-latency-bound work (fakes at 300 ms, 400 recordings) with 1, 2 and 4 worker processes
 *     taking transcribe + analyze at a fixed concurrency each: the speed-up over one worker (≥ 1.9× at
 *     2, ≥ 3.5× at 4). The local steps run first on a worker of their own, outside the timed window,
 *     so the figure is the provider steps' (on a 2-core machine the CPU-bound steps would not scale);
 *  2. no-op step jobs through BullMQ and the API's persist path (results/s stored), beside the
 *     embedded queue's figure and the bare-SQL baseline of the same run.
 */
export async function benchTeam(): Promise<BenchRow[]> {
  const redis = await startRedis();
  try {
    const scaling = await scalingRows(redis, 400, 300, 4);
    return [...scaling, await noopThroughput(redis, 5_000)];
  } finally {
    await redis.stop();
  }
}

async function scalingRows(redis: RedisServer, recordings: number, latencyMs: number, concurrency: number): Promise<BenchRow[]> {
  // Short calls (two turns): the figure is about waiting on providers, not about moving megabytes of
  // audio through one 2-core machine's API, workers and fakes at once.
  const calls = generateCalls({ formats: ['wav'], scripts: shortCalls });
  const { files, registry } = variantCalls(calls, recordings);
  const eleven = await startFakeElevenLabs({ registry });
  const openai = await startFakeOpenAI({ registry });
  for (const f of [eleven, openai]) await f.setFaults({ latencyMs });
  const walls: Record<number, number> = {};
  try {
    for (const n of [1, 2, 4]) walls[n] = await providerWall(redis, files, n, concurrency, { eleven: eleven.url, openai: openai.url });
  } finally {
    await eleven.close();
    await openai.close();
  }
  const ideal = (recordings * latencyMs) / 1000 / concurrency; // one worker, one provider step
  return [2, 4].map((n) => {
    const speedup = walls[1]! / walls[n]!;
    const want = n === 2 ? 1.9 : 3.5;
    return {
      name: `${recordings} recordings, transcribe + analyze at ${latencyMs} ms, ${n} worker processes × ${concurrency}`, value: walls[n]!, unit: 's',
      baselineName: '1 worker process, same run', baseline: walls[1]!, ratio: walls[n]! / walls[1]!,
      target: `≥ ${want}× faster than 1 worker`, pass: speedup >= want,
      note: `${speedup.toFixed(2)}× faster; 1 worker ${walls[1]!.toFixed(1)} s (one provider step alone ideally ${ideal.toFixed(1)} s); cores busy in the window — API ${cpu[n]!.api.toFixed(2)}, workers ${cpu[n]!.workers.toFixed(2)}, fakes + bench ${cpu[n]!.fakes.toFixed(2)} (1 worker: API ${cpu[1]!.api.toFixed(2)})`,
    };
  });
}

const shortCalls = ['billing', 'outage', 'refund', 'moving'].map((topic, i): CallScript => ({
  id: `short-${topic}`, agent: 'Dana Ruiz', queue: topic, expect: {},
  turns: [['agent', `Northwind Energy, Dana speaking, how can I help with ${topic}?`], ['customer', i % 2 ? 'Thanks, that is all.' : 'I have a question about my bill.']],
}));

/** CPU seconds a process (and its threads) has used so far, from /proc (Linux). */
function cpuSec(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}
/** Share of a core each side used during each run's window (where the time goes on this machine). */
const cpu: Record<number, { api: number; workers: number; fakes: number }> = {};

/** Seconds from starting `n` provider workers until every recording's analyze is done (local steps done before). */
async function providerWall(redis: RedisServer, files: string[], n: number, concurrency: number, urls: { eleven: string; openai: string }): Promise<number> {
  await redis.stop();
  await redis.start(); // empty for each run
  const dataDir = mkdtempSync(join(tmpdir(), 'cca-bench-team-'));
  const tokens = Array.from({ length: n + 1 }, (_, i) => mintWorkerToken(dataDir, `w${i}`));
  let app: ServedApp | null = null;
  const workers: WorkerProcess[] = [];
  try {
    app = await startServedApp({
      dataDir, timeoutMs: 60_000,
      env: {
        CCA_AUTH: 'users', CCA_QUEUE: 'redis', CCA_REDIS_URL: redis.url, CCA_LOG_LEVEL: 'warn',
        CCA_ELEVENLABS_BASE_URL: urls.eleven, CCA_OPENAI_BASE_URL: urls.openai, ELEVENLABS_API_KEY: 'test-key', OPENAI_API_KEY: 'test-key',
        CCA_TRANSCRIBE_CONCURRENCY: '64', CCA_ANALYZE_CONCURRENCY: '64',
      },
    });
    const env = (token: string) => ({ CCA_API_URL: app!.origin, CCA_REDIS_URL: redis.url, CCA_WORKER_TOKEN: token });
    const count = async (step: string) => {
      const r = (await (await app!.api(`/api/v1/jobs?step=${step}&state=done&limit=1`)).json()) as { value: { total: number } };
      return r.value.total;
    };
    await app.api('/api/v1/recordings/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paths: files }) });
    // The local steps first, on a worker of their own (kept running: local_analysis and index follow the providers).
    workers.push(await startWorkerProcess(env(tokens[0]!), ['--steps', 'probe,metrics,local_analysis,index', '--concurrency', '2']));
    while ((await count('metrics')) < files.length) await sleep(200);
    // The provider workers start while the queue is paused, so the window times their work, not their start-up.
    await app.api('/api/v1/queue/pause', { method: 'POST' });
    workers.push(...(await Promise.all(Array.from({ length: n }, (_, i) =>
      startWorkerProcess(env(tokens[i + 1]!), ['--steps', 'transcribe,analyze', '--concurrency', String(concurrency)])))));
    await sleep(500); // their first heartbeats are in
    const cpu0 = { api: cpuSec(app.proc.pid!), workers: workers.slice(1).map((w) => cpuSec(w.proc.pid!)), here: process.cpuUsage() };
    const t0 = performance.now();
    await app.api('/api/v1/queue/resume', { method: 'POST' });
    while ((await count('analyze')) < files.length) await sleep(100);
    const wall = (performance.now() - t0) / 1000;
    const here = process.cpuUsage(cpu0.here);
    cpu[n] = {
      api: (cpuSec(app.proc.pid!) - cpu0.api) / wall,
      workers: workers.slice(1).reduce((sum, w, i) => sum + cpuSec(w.proc.pid!) - cpu0.workers[i]!, 0) / wall,
      fakes: (here.user + here.system) / 1e6 / wall,
    };
    return wall;
  } finally {
    for (const w of workers) await w.stop();
    await app?.stop();
  }
}

/** No-op steps through Redis and back into the database, in one process (the API's persist path). */
async function noopThroughput(redis: RedisServer, n: number): Promise<BenchRow> {
  await redis.stop();
  await redis.start();
  const logger = pino({ level: 'silent' });
  const transport = await RedisTransport.open({ redisUrl: redis.url, registry: new ServiceRegistry(version), logger });
  // The lightest computation there is (index of no transcript), so the figure is the transport's.
  const noop: StepRunner = {
    placement: () => ({ provider: 'local', lane: 'noop', concurrency: 64 }),
    run: async (ctx) => (await ctx.compute('index', { transcript: null, audio: null, callLanguage: 'en' }), { kind: 'done' }),
  };
  const h = await queueHarness({ pipeline: { index: [] }, runners: { index: noop }, start: false, transport });
  const pool = new WorkerPool(1);
  const worker = new WorkerService({
    redisUrl: redis.url, steps: ['index'], concurrency: 64, link: directLink(transport), version, pool, logger,
    services: localComputeServices(h.deps.daos, h.deps.settings, h.deps.secret), audioFor: () => localComputeServices(h.deps.daos, h.deps.settings, h.deps.secret).audio,
  });
  try {
    await worker.start();
    const ids = insertRecordings(h.db, n);
    const now = Date.now();
    h.db.sqlite.transaction(() => {
      for (const id of ids) h.queue.scheduler.jobs.enqueue(id, ['index'], now);
    })();
    const done = h.db.sqlite.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE state = 'done'`);
    const t0 = performance.now();
    h.queue.start();
    while ((done.get() as { n: number }).n < n) await sleep(20);
    const perSec = n / ((performance.now() - t0) / 1000);
    const embedded = await overhead(n);
    return {
      name: `${n.toLocaleString('en')} no-op steps through BullMQ and the API's persist path`, value: Math.round(perSec), unit: 'results/s',
      baselineName: 'the embedded queue, same jobs, this run', baseline: embedded.value, ratio: perSec / embedded.value,
      target: '≥ 1,000 results/s', pass: perSec >= 1000,
      note: `embedded ${embedded.value} jobs/s; bare SQL claim + complete ${embedded.baseline} jobs/s (${embedded.note ?? ''})`,
    };
  } finally {
    await worker.stop();
    await pool.close();
    await h.close();
  }
}
