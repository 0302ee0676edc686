import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceList } from '../../preload/contract/schemas/queue.js';
import { startFakeElevenLabs, startFakeOpenAI, type FakeElevenLabs, type FakeOpenAI } from '../fakes/index.js';
import { generateCalls } from '../helpers/fixtures.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';
import { mintWorkerToken, runWorkerToExit, startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';

/**
 * Issue 32, worker processes: `npm run serve` with CCA_QUEUE=redis as the storage service and two
 * `npm run worker` processes (dist/cli/worker.mjs) on a real redis-server, with the fake providers.
 * The workers never open the database: inputs, audio (signed URLs) and results go over the worker
 * routes with worker tokens, which reach nothing else.
 */
const calls = generateCalls({ formats: ['wav'] });
let eleven: FakeElevenLabs;
let openai: FakeOpenAI;
let redis: RedisServer;
let app: ServedApp;
let dataDir: string;
const tokens: Record<string, string> = {};
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  eleven = await startFakeElevenLabs({ fixtures: [calls] });
  openai = await startFakeOpenAI({ fixtures: [calls] });
  redis = await startRedis();
  dataDir = mkdtempSync(join(tmpdir(), 'cca-team-'));
  for (const name of ['w1', 'w2', 'revoked']) tokens[name] = mintWorkerToken(dataDir, name);
  app = await startServedApp({
    dataDir,
    env: {
      CCA_AUTH: 'users', CCA_QUEUE: 'redis', CCA_REDIS_URL: redis.url, CCA_LOG_LEVEL: 'warn',
      // The keys live on the server; the workers get them over their tokens.
      CCA_ELEVENLABS_BASE_URL: eleven.url, CCA_OPENAI_BASE_URL: openai.url, ELEVENLABS_API_KEY: 'test-key', OPENAI_API_KEY: 'test-key',
    },
  });
});
afterAll(async () => {
  for (const w of workers) await w.stop();
  await app?.stop();
  await redis?.stop();
  await eleven?.close();
  await openai?.close();
});

const workerEnv = (token: string) => ({ CCA_API_URL: app.origin, CCA_REDIS_URL: redis.url, CCA_WORKER_TOKEN: token, ELEVENLABS_API_KEY: '', OPENAI_API_KEY: '' });
const json = async <T>(res: Response): Promise<T> => ((await res.json()) as { value: T }).value;

async function until<T>(what: string, fn: () => Promise<T | null | false>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('worker services', () => {
  it('two worker processes run every step of every recording; the API lists them; each result is stored once', async () => {
    // The first exactly as the README types it.
    workers.push(await startWorkerProcess(workerEnv(tokens.w1!), ['--steps', 'probe,metrics,transcribe', '--concurrency', '2'], { viaNpm: true }));
    workers.push(await startWorkerProcess({ ...workerEnv(tokens.w2!), CCA_WORKER_STEPS: 'analyze,local_analysis,index,probe', CCA_WORKER_CONCURRENCY: '3' }));
    const services = await until('both workers listed', async () => {
      const list = await json<ServiceList>(await app.api('/api/v1/services'));
      return list.services.filter((s) => s.role === 'worker' && s.state === 'live').length === 2 ? list : null;
    });
    expect(services.transport).toBe('redis');
    expect(services.services.find((s) => s.role === 'api')).toMatchObject({ steps: [], state: 'live' });
    expect(services.services.filter((s) => s.role === 'worker').map((s) => [s.name, s.steps.join(','), s.concurrency]).sort()).toEqual([
      ['w1', 'probe,metrics,transcribe', 2], ['w2', 'analyze,local_analysis,index,probe', 3],
    ]);

    const ids = calls.ids.slice(0, 4);
    const imported = await json<{ results: { recordingId: number | null }[] }>(await app.api('/api/v1/recordings/import', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paths: ids.map((id) => calls.file(id, 'wav')) }),
    }));
    const recs = imported.results.map((r) => r.recordingId!);
    await until('every step done', async () => {
      const jobs = await json<{ jobs: { state: string }[]; total: number }>(await app.api('/api/v1/jobs?limit=200'));
      return jobs.total === recs.length * 6 && jobs.jobs.every((j) => j.state === 'done');
    });
    // One transcription request per recording: no step ran twice anywhere.
    expect(eleven.calls['POST /v1/speech-to-text']).toBe(recs.length);
    for (const id of recs) {
      const analysis = await app.api(`/api/v1/recordings/${id}/analysis`);
      expect(analysis.status).toBe(200);
    }
  });

  it('a worker token reaches the worker routes and nothing else; a person\'s token does not reach the worker routes', async () => {
    const asWorker = (path: string) => fetch(`${app.origin}${path}`, { headers: { Authorization: `Bearer ${tokens.w1}` } });
    expect((await asWorker('/api/v1/worker/config')).status).toBe(200);
    for (const path of ['/api/v1/recordings', '/api/v1/health', '/api/v1/services', '/metrics', '/api/v1/recordings/1/audio']) {
      expect((await asWorker(path)).status, path).toBe(403);
    }
    const config = await json<{ secrets: Record<string, string> }>(await asWorker('/api/v1/worker/config'));
    expect(Object.keys(config.secrets).sort()).toEqual(['ELEVENLABS_API_KEY', 'OPENAI_API_KEY']);
    expect((await app.api('/api/v1/worker/config')).status).toBe(401);
    expect((await fetch(`${app.origin}/api/v1/worker/config`)).status).toBe(401);
    // A worker of another version is refused, saying what to run.
    const hb = await fetch(`${app.origin}/api/v1/worker/heartbeat`, {
      method: 'POST', headers: { Authorization: `Bearer ${tokens.w1}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'old-1', host: 'old', pid: 1, version: '0.0.9', protocol: 0, steps: ['probe'], concurrency: 1, inFlight: 0, startedAt: Date.now() }),
    });
    expect(hb.status).toBe(409);
    expect(((await hb.json()) as { error: { message: string; hint: string } }).error).toMatchObject({ message: expect.stringMatching(/cannot work for this server/) as string, hint: expect.stringMatching(/Run the worker of the server's version/) as string });
    // An attempt nobody waits for is gone.
    expect((await asWorker('/api/v1/worker/attempts/999999/1/input')).status).toBe(410);
  });

  it('a worker with a wrong or revoked token is refused before it takes any job, with what to do', async () => {
    const wrong = runWorkerToExit(workerEnv(`cca_wkr_${'x'.repeat(43)}`));
    expect(wrong.status).toBe(1);
    expect(wrong.output).toMatch(/worker token/i);
    const revoked = await app.api('/api/v1/worker-tokens');
    const row = (await json<{ id: number; name: string }[]>(revoked)).find((t) => t.name === 'revoked')!;
    expect((await app.api(`/api/v1/worker-tokens/${row.id}`, { method: 'DELETE' })).status).toBe(200);
    const refused = runWorkerToExit(workerEnv(tokens.revoked!));
    expect(refused.status).toBe(1);
    expect(refused.output).toMatch(/missing, wrong or revoked/);
    const usage = runWorkerToExit({ ...workerEnv(tokens.w1!), CCA_WORKER_STEPS: 'transcode' });
    expect(usage.status).toBe(2);
    expect(usage.output).toMatch(/Unknown step: transcode/);
  });
});
