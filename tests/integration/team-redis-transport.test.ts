import { Queue } from 'bullmq';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../main/config/load-config.js';
import { buildCore, type Core } from '../../main/core.js';
import { classify } from '../../main/jobs/classify.js';
import { WorkerPool } from '../../main/jobs/worker-pool.js';
import { computationNames } from '../../main/steps/computations.js';
import { directLink } from '../../main/team/direct-link.js';
import { RedisTransport } from '../../main/team/redis-transport.js';
import { ServiceRegistry } from '../../main/team/service-registry.js';
import { stepQueueName, TEAM_PROTOCOL, type StepJobData } from '../../main/team/wire.js';
import { WorkerService } from '../../main/team/worker-service.js';
import { startFakeElevenLabs, startFakeOpenAI, type FakeElevenLabs, type FakeOpenAI } from '../fakes/index.js';
import { generateCalls } from '../helpers/fixtures.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';

/**
 * Issue 32, the Redis transport with one worker service in the same process (no HTTP yet): the
 * pipeline's work goes through BullMQ on a real redis-server, the storage service takes each result
 * once, refuses duplicates and results for cancelled attempts, and survives Redis forgetting its jobs.
 */
const calls = generateCalls({ formats: ['wav'] });
let eleven: FakeElevenLabs;
let openai: FakeOpenAI;
let redis: RedisServer;
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  eleven = await startFakeElevenLabs({ fixtures: [calls] });
  openai = await startFakeOpenAI({ fixtures: [calls] });
  redis = await startRedis();
});
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});
afterAll(async () => {
  await redis?.stop();
  await eleven?.close();
  await openai?.close();
});

async function openCore(): Promise<Core> {
  const env = {
    CCA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cca-team-')), CCA_PROFILE: 'test', CCA_LOG_LEVEL: 'silent',
    CCA_ELEVENLABS_BASE_URL: eleven.url, CCA_OPENAI_BASE_URL: openai.url, ELEVENLABS_API_KEY: 'test-key', OPENAI_API_KEY: 'test-key',
    CCA_QUEUE: 'redis', CCA_REDIS_URL: redis.url,
  };
  const core = await buildCore({ config: loadConfig(env), mode: 'browser', env });
  cleanup.push(() => core.close());
  return core;
}

async function startWorker(core: Core): Promise<WorkerService> {
  const transport = core.queue.transport as RedisTransport;
  const pool = new WorkerPool(1);
  const w = new WorkerService({
    redisUrl: redis.url, steps: [...computationNames], concurrency: 4, link: directLink(transport), version: core.appVersion,
    services: core.computeServices, audioFor: () => core.computeServices.audio, pool, logger: pino({ level: 'silent' }),
  });
  cleanup.push(async () => (await w.stop(), await pool.close()));
  await w.start();
  return w;
}

/** A worker that says it serves the probe but takes nothing: the API hands it jobs, which wait in Redis. */
function idleWorker(core: Core): void {
  (core.queue.transport as RedisTransport).registry.heartbeat({
    id: 'idle-1', host: 'test', pid: 1, version: core.appVersion, protocol: TEAM_PROTOCOL, steps: ['probe'], concurrency: 4, inFlight: 0, startedAt: Date.now(),
  }, 'idle');
}

async function until(what: string, fn: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const states = (core: Core, id: number) => core.queue.service.query.byRecording(id).map((j) => `${j.step}:${j.state}`).sort();
const allDone = (core: Core, id: number) => { const s = states(core, id); return s.length === 6 && s.every((x) => x.endsWith(':done')); };
const count = (core: Core, table: string, id: number) => (core.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE recording_id = ?`).get(id) as { n: number }).n;

/** The step jobs waiting in Redis right now (what a worker would take). */
async function waitingJobs(step: string): Promise<StepJobData[]> {
  const q = new Queue<StepJobData>(stepQueueName(step), { connection: { url: redis.url }, prefix: 'cca' });
  try {
    return (await q.getJobs(['wait', 'prioritized'])).map((j) => j.data);
  } finally {
    await q.close();
  }
}

describe('the Redis transport', () => {
  it('runs every step through BullMQ and a worker service: nothing moves without a worker, everything finishes with one, once', async () => {
    const core = await openCore();
    expect(core.queue.transport.name).toBe('redis');
    eleven.resetStats();
    openai.resetStats();
    const batch = await core.services.imports.importPaths(calls.ids.slice(0, 3).map((id) => calls.file(id, 'wav')));
    const ids = batch.results.map((r) => r.recordingId!);
    // No worker yet: nothing is handed to Redis (no worker could take it) and nothing runs here.
    await new Promise((r) => setTimeout(r, 1_500));
    expect((core.queue.transport as RedisTransport).waiting).toBe(0);
    expect(await waitingJobs('probe')).toEqual([]);
    expect(ids.flatMap((id) => states(core, id)).filter((s) => !s.endsWith(':queued'))).toEqual([]);
    expect(core.queue.transport.workers?.()).toEqual([]);

    const worker = await startWorker(core);
    expect(core.queue.transport.workers?.()).toMatchObject([{ id: worker.id, name: 'in-process', state: 'live', steps: [...computationNames], concurrency: 4 }]);
    await until('every pipeline done', () => ids.every((id) => allDone(core, id)));
    for (const id of ids) {
      expect(count(core, 'transcripts', id)).toBe(1);
      expect(count(core, 'analyses', id)).toBe(1);
      expect(count(core, 'audio_metrics', id)).toBe(1);
      expect(count(core, 'local_analyses', id)).toBe(1);
      const row = core.db.sqlite.prepare('SELECT status, score_pct AS score FROM call_summary WHERE recording_id = ?').get(id) as { status: string; score: number | null };
      expect(row.status).toBe('done');
      expect(row.score).not.toBeNull();
    }
    // One transcription request per recording: no step ran twice.
    expect(eleven.calls['POST /v1/speech-to-text']).toBe(3);
    expect((core.queue.transport as RedisTransport).waiting).toBe(0);
  });

  it('takes a result once: a duplicate, and a result for a cancelled attempt, are refused and change nothing', async () => {
    const core = await openCore();
    const transport = core.queue.transport as RedisTransport;
    idleWorker(core);
    const [a, b] = (await core.services.imports.importPaths(calls.ids.slice(0, 2).map((id) => calls.file(id, 'wav')))).results.map((r) => r.recordingId!);
    await until('both probes waiting', () => transport.waiting === 2);
    const jobs = await waitingJobs('probe');
    const ja = jobs.find((j) => j.recordingId === a)!;
    const jb = jobs.find((j) => j.recordingId === b)!;

    // Delivered twice (BullMQ is at-least-once): the first is taken, the second refused.
    expect(transport.start(ja.jobId, ja.fence)).toMatchObject({ step: 'probe', recordingId: a });
    expect(transport.deliver(ja.jobId, ja.fence, { ok: true, result: { ok: true } })).toBe(true);
    expect(transport.deliver(ja.jobId, ja.fence, { ok: true, result: { ok: true } })).toBe(false);
    await until('A probed', () => states(core, a!).includes('probe:done'));
    expect(core.queue.service.query.byRecording(a!).filter((j) => j.step === 'probe').map((j) => j.attempts)).toEqual([1]);

    // B is cancelled while its probe waits: its input and any result are refused; nothing is stored.
    core.queue.service.cancel(b!);
    await until('B cancelled', () => states(core, b!).every((s) => s.endsWith(':cancelled')));
    expect(transport.start(jb.jobId, jb.fence)).toBeNull();
    expect(transport.deliver(jb.jobId, jb.fence, { ok: true, result: { ok: true } })).toBe(false);
    expect(states(core, b!).every((s) => s.endsWith(':cancelled'))).toBe(true);
    // The waiting job was taken out of Redis too, so no worker spends time on it.
    const deadline = Date.now() + 10_000;
    while ((await waitingJobs('probe')).some((j) => j.recordingId === b) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await waitingJobs('probe')).some((j) => j.recordingId === b)).toBe(false);
    // A stale fence (an older claim of the same job) is refused as well.
    expect(transport.start(ja.jobId, ja.fence - 1)).toBeNull();
  });

  it('a failure on the worker comes back as the same kind of error: a missing audio file fails the probe with its hint', async () => {
    const core = await openCore();
    const transport = core.queue.transport as RedisTransport;
    idleWorker(core);
    const [id] = (await core.services.imports.importPaths([calls.file(calls.ids[0]!, 'wav')])).results.map((r) => r.recordingId!);
    await until('the probe waiting', () => transport.waiting === 1);
    const [job] = await waitingJobs('probe');
    transport.deliver(job!.jobId, job!.fence, { ok: false, error: { category: 'not_found', message: 'The audio file of "x.wav" is missing.', hint: 'Reconnect the drive.' } });
    await until('the probe failed', () => states(core, id!).includes('probe:failed'));
    const probe = core.queue.service.query.byRecording(id!).find((j) => j.step === 'probe')!;
    expect(probe).toMatchObject({ errorCategory: 'not_found', errorHint: 'Reconnect the drive.' });
  });

  it('Redis restarting empty loses no work: waiting attempts are sent again and finish', async () => {
    const core = await openCore();
    const transport = core.queue.transport as RedisTransport;
    idleWorker(core);
    const ids = (await core.services.imports.importPaths(calls.ids.slice(0, 2).map((id) => calls.file(id, 'wav')))).results.map((r) => r.recordingId!);
    await until('probes waiting', () => transport.waiting === 2);
    await redis.stop();
    await redis.start(); // empty: it keeps nothing on disk
    expect(await waitingJobs('probe')).toEqual([]);
    await startWorker(core);
    await until('every pipeline done', () => ids.every((id) => allDone(core, id)), 90_000);
  });

  it("an attempt whose provider's circuit opened while it waited in Redis is called back when a worker starts it, not run", async () => {
    const registry = new ServiceRegistry('0.1.0');
    registry.heartbeat({ id: 'w', host: 'test', pid: 1, version: '0.1.0', protocol: TEAM_PROTOCOL, steps: ['transcribe'], concurrency: 2, inFlight: 0, startedAt: Date.now() }, 'w');
    const transport = await RedisTransport.open({ redisUrl: redis.url, registry, logger: pino({ level: 'silent' }), prefix: 'recall' });
    cleanup.push(() => transport.close());
    let circuitClosed = true;
    const call = (id: number, probe: boolean) => ({
      job: { id, recordingId: id, step: 'transcribe', attempt: 1, maxAttempts: 3, fencingToken: 1 },
      signal: new AbortController().signal, log: pino({ level: 'silent' }), progress: () => undefined, pool: undefined as never,
      mayReachProvider: () => probe || circuitClosed,
    });
    const before = transport.compute('transcribe', { n: 1 }, call(1, false));
    const other = transport.compute('transcribe', { n: 2 }, call(2, false));
    const probe = transport.compute('transcribe', { n: 3 }, call(3, true));
    await until('three attempts waiting', () => transport.waiting === 3);
    // Started before the circuit opened: the worker gets its input and its result is taken.
    expect(transport.start(1, 1)).toMatchObject({ step: 'transcribe', input: { n: 1 } });
    circuitClosed = false;
    // Started after: called back instead (the scheduler then waits for the probe, no attempt burned).
    expect(transport.start(2, 1)).toBeNull();
    const recalled = await other.catch((e: unknown) => e);
    expect(classify(recalled, 30)).toMatchObject({ kind: 'circuit', tripsBreaker: false });
    expect(transport.deliver(2, 1, { ok: true, result: 'late' })).toBe(false);
    // The probe may reach the provider whatever the circuit says.
    expect(transport.start(3, 1)).toMatchObject({ input: { n: 3 } });
    expect(transport.deliver(3, 1, { ok: true, result: 'probed' })).toBe(true);
    expect(transport.deliver(1, 1, { ok: true, result: 'first' })).toBe(true);
    expect(await Promise.all([before, probe])).toEqual(['first', 'probed']);
    expect(transport.waiting).toBe(0);
  });
});
