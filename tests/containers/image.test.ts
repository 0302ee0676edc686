import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeElevenLabs, startFakeOpenAI, type FakeElevenLabs, type FakeOpenAI } from '../fakes/index.js';
import { generateCalls } from '../helpers/fixtures.js';
import { freePort, startRedis, type RedisServer } from '../helpers/redis-server.js';
import { buildImage, IMAGE, podman, until as waitFor } from './podman.js';

/**
 * Issue 33: the one image the Containerfile builds (on the local base: scripts/container-base.sh),
 * run with podman on the host network. The api container prints its ready line, its HEALTHCHECK passes
 * and it runs as a non-root user; a worker container (its token from a mounted secret file) joins the
 * api's services and a call uploaded to the api finishes through it; the data volume survives removing
 * and re-creating the api container.
 */
const calls = generateCalls({ formats: ['wav'] });
const suffix = randomBytes(3).toString('hex');
const names = { api: `cca-test-api-${suffix}`, worker: `cca-test-worker-${suffix}`, volume: `cca-test-data-${suffix}` };
let eleven: FakeElevenLabs;
let openai: FakeOpenAI;
let redis: RedisServer;
let port: number;
let secrets: string;
let imageMb = 0;

beforeAll(async () => {
  ({ sizeMb: imageMb } = buildImage());
  eleven = await startFakeElevenLabs({ fixtures: [calls] });
  openai = await startFakeOpenAI({ fixtures: [calls] });
  redis = await startRedis();
  port = await freePort();
  // Secrets as files, mounted read-only (the container's user, uid 10001, reads them).
  secrets = mkdtempSync(join(tmpdir(), 'cca-secrets-'));
  chmodSync(secrets, 0o755);
  for (const [name, value] of [['openai', 'test-key'], ['elevenlabs', 'test-key']] as const) {
    writeFileSync(join(secrets, name), `${value}\n`, { mode: 0o644 });
  }
}, 40 * 60_000);

afterAll(async () => {
  for (const c of [names.worker, names.api]) await podman(['rm', '-f', '-t', '5', c]).catch(() => undefined);
  await podman(['volume', 'rm', '-f', names.volume]).catch(() => undefined);
  await redis?.stop();
  await eleven?.close();
  await openai?.close();
});

const READY = /ready at (http:\/\/127\.0\.0\.1:\d+)\//;

const until = <T>(what: string, fn: () => Promise<T | null | false>, ms?: number) => waitFor(what, fn, [names.api, names.worker], ms);

/** The api container on the data volume; resolves with its origin once the ready line is printed. */
async function startApi(): Promise<string> {
  await podman([
    'run', '-d', '--name', names.api, '--network=host', '-v', `${names.volume}:/data`, '-v', `${secrets}:/run/secrets:ro`,
    '-e', `CCA_PORT=${port}`, '-e', 'CCA_AUTH=users', '-e', 'CCA_QUEUE=redis', '-e', `CCA_REDIS_URL=${redis.url}`,
    '-e', `CCA_ELEVENLABS_BASE_URL=${eleven.url}`, '-e', `CCA_OPENAI_BASE_URL=${openai.url}`,
    '-e', 'OPENAI_API_KEY_FILE=/run/secrets/openai', '-e', 'ELEVENLABS_API_KEY_FILE=/run/secrets/elevenlabs',
    IMAGE, 'serve',
  ]);
  return until('the api ready line', async () => READY.exec(await podman(['logs', names.api]))?.[1] ?? null);
}

/** A call to the api with the launch token it wrote to its data volume (the local owner). */
async function api(origin: string, path: string, init: RequestInit = {}): Promise<Response> {
  const token = await podman(['exec', names.api, 'cat', '/data/api-token']);
  return fetch(`${origin}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });
}
const value = async <T>(res: Response): Promise<T> => ((await res.json()) as { value: T }).value;

let origin = '';
let recordingId = 0;

describe('the container image', () => {
  it('is lean: no compilers, no browser, no tests; the size is printed', async () => {
    expect(imageMb).toBeGreaterThan(50);
    const found = await podman(['run', '--rm', '--entrypoint', 'sh', IMAGE, '-c', 'for c in gcc g++ make python3 chromium; do command -v $c; done; ls -d /app/tests /app/node_modules/vitest /app/node_modules/playwright 2>/dev/null; true']);
    expect(found).toBe('');
    const health = await podman(['image', 'inspect', IMAGE, '--format', '{{json .Config.Healthcheck}}']);
    expect(health).toContain('healthcheck');
    // An unknown role says what the roles are.
    await expect(podman(['run', '--rm', IMAGE, 'transcode'])).rejects.toThrow(/usage: <image> serve \| worker/);
  });

  it('the api container prints the ready line, its HEALTHCHECK passes and it does not run as root', async () => {
    origin = await startApi();
    expect(origin).toBe(`http://127.0.0.1:${port}`);
    expect(await podman(['healthcheck', 'run', names.api])).not.toMatch(/unhealthy/);
    expect(await podman(['exec', names.api, 'id', '-u'])).toBe('10001');
    expect(await podman(['exec', names.api, 'cca', 'healthcheck'])).toBe(`healthy: http://127.0.0.1:${port}/api/v1/health`);
    const health = await value<{ status: string; dataDir: string }>(await api(origin, '/api/v1/health'));
    expect(health).toMatchObject({ status: 'ok', dataDir: '/data' });
  });

  it('a worker container joins the api and a call uploaded to the api finishes through it', async () => {
    const minted = await podman(['exec', names.api, 'cca', 'users', 'worker-token', '--name', 'box-1']);
    writeFileSync(join(secrets, 'worker-token'), `${minted.split('\n').at(-1)!}\n`, { mode: 0o644 });
    await podman([
      'run', '-d', '--name', names.worker, '--network=host', '-v', `${secrets}:/run/secrets:ro`,
      '-e', `CCA_API_URL=${origin}`, '-e', `CCA_REDIS_URL=${redis.url}`, '-e', 'CCA_WORKER_TOKEN_FILE=/run/secrets/worker-token',
      IMAGE, 'worker', '--concurrency', '2',
    ]);
    await until('the worker listed by the api', async () => {
      const list = await value<{ services: { role: string; name: string; state: string; steps: string[] }[] }>(await api(origin, '/api/v1/services'));
      return list.services.some((s) => s.role === 'worker' && s.name === 'box-1' && s.state === 'live' && s.steps.length === 6);
    });

    const form = new FormData();
    const id = calls.ids[0]!;
    form.append('files', new Blob([readFileSync(calls.file(id, 'wav'))]), `${id}.wav`);
    const up = await value<{ results: { ok: boolean; recordingId?: number }[] }>(await api(origin, '/api/v1/recordings', { method: 'POST', body: form }));
    expect(up.results.map((r) => r.ok)).toEqual([true]);
    recordingId = up.results[0]!.recordingId!;
    await until('every step done', async () => {
      const { jobs } = await value<{ jobs: { step: string; state: string }[] }>(await api(origin, `/api/v1/jobs?recordingId=${recordingId}`));
      return jobs.length === 6 && jobs.every((j) => j.state === 'done');
    }, 180_000);
    // The work was the worker's: the API ran no step itself, and the provider calls left from it.
    expect(eleven.calls['POST /v1/speech-to-text']).toBe(1);
    expect(await podman(['logs', names.worker])).toMatch(/worker ready: id=\S+ steps=probe,metrics,transcribe,analyze,local_analysis,index concurrency=2/);
    const analysis = await value<{ scorecard?: unknown }>(await api(origin, `/api/v1/recordings/${recordingId}/analysis`));
    expect(analysis).toBeTruthy();
    // What the image loads only on demand is there too: the PDF report (a worker thread with pdfkit).
    const pdf = await api(origin, `/api/v1/recordings/${recordingId}/report.pdf`).catch(async (e: unknown) => {
      throw new Error(`report.pdf: ${String(e)}\n${await podman(['logs', '--tail', '30', names.api])}`);
    });
    expect(pdf.status).toBe(200);
    const body = await pdf.arrayBuffer().catch(async (e: unknown) => {
      throw new Error(`report.pdf body (${pdf.status} ${pdf.headers.get('content-type')}): ${String(e)}\n${await podman(['logs', '--tail', '30', names.api])}`);
    });
    expect(Buffer.from(body).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('the data volume survives removing and re-creating the api container', async () => {
    await podman(['stop', '-t', '20', names.api]);
    await podman(['rm', names.api]);
    origin = await startApi();
    const detail = await value<{ id: number; status: string }>(await api(origin, `/api/v1/recordings/${recordingId}`));
    expect(detail).toMatchObject({ id: recordingId, status: 'done' });
    expect((await api(origin, `/api/v1/recordings/${recordingId}/analysis`)).status).toBe(200);
    // The worker account survived too: the worker's heartbeats are heard by the new api.
    await until('the worker heard by the new api', async () => {
      const list = await value<{ services: { role: string; name: string; state: string }[] }>(await api(origin, '/api/v1/services'));
      return list.services.some((s) => s.role === 'worker' && s.name === 'box-1' && s.state === 'live');
    }, 30_000);
  });
});
