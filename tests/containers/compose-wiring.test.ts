import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeElevenLabs, startFakeOpenAI, type FakeElevenLabs, type FakeOpenAI } from '../fakes/index.js';
import { generateCalls } from '../helpers/fixtures.js';
import { freePort, startRedis, type RedisServer } from '../helpers/redis-server.js';
import { commandFlag, projectCopy, readCompose } from './compose-file.js';
import { buildImage, IMAGE, podman, podmanBytes, until as waitFor } from './podman.js';

/**
 * Issue 33: compose.yaml's wiring, run for real with the image — the api and one container of each
 * worker service started with the environment, commands and secrets compose.yaml gives them (only
 * addresses changed: podman here runs on the host network, so "api" is an added host name and ports are
 * free ones). The api speaks TLS with the certificate deploy/init-secrets.sh made; workers reach it as
 * https://api:<port> trusting that certificate; a call finishes through them; Prometheus' view (Host
 * "api:<port>", a reviewer's token) reads /metrics; each container's health check passes; and the data
 * volume is backed up while the api runs (`db backup` to stdout) and restored into a new volume that a
 * new api serves.
 */
const calls = generateCalls({ formats: ['wav'] });
const compose = readCompose();
const suffix = randomBytes(3).toString('hex');
const name = (s: string) => `cca-wiring-${s}-${suffix}`;
const volumes = { data: name('data'), restored: name('restored') };
const containers: string[] = [];
let eleven: FakeElevenLabs;
let openai: FakeOpenAI;
let redis: RedisServer;
let port: number;
let project: string;
let cert: string;

beforeAll(async () => {
  buildImage();
  eleven = await startFakeElevenLabs({ fixtures: [calls] });
  openai = await startFakeOpenAI({ fixtures: [calls] });
  redis = await startRedis();
  port = await freePort();
  project = projectCopy('qa.test', null);
  for (const key of ['openai_api_key', 'elevenlabs_api_key']) writeFileSync(join(project, 'secrets', key), 'test-key\n');
  cert = readFileSync(join(project, 'secrets/tls_cert.pem'), 'utf8');
}, 40 * 60_000);

afterAll(async () => {
  for (const c of containers) await podman(['rm', '-f', '-t', '5', c]).catch(() => undefined);
  for (const v of Object.values(volumes)) await podman(['volume', 'rm', '-f', v]).catch(() => undefined);
  await redis?.stop();
  await eleven?.close();
  await openai?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

/** HTTPS to the api, verifying its certificate against the one init-secrets.sh made (as "api" when another Host is sent). */
function tls(path: string, opts: { token: string; host?: string; method?: string; body?: Buffer; type?: string }): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, path, method: opts.method ?? 'GET', ca: cert, servername: opts.host ? 'api' : undefined,
      headers: { Authorization: `Bearer ${opts.token}`, Host: opts.host ?? `127.0.0.1:${port}`, ...(opts.type ? { 'Content-Type': opts.type } : {}) },
    }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
const value = <T>(r: { text: string }): T => (JSON.parse(r.text) as { value: T }).value;

const until = <T>(what: string, fn: () => Promise<T | null | false>, ms?: number) => waitFor(what, fn, containers, ms);

/** `podman run` for a compose service: its environment (addresses overridden), its secrets as files, its command. */
async function runService(service: string, container: string, overrides: Record<string, string>, extra: string[] = []): Promise<void> {
  const s = compose.services[service]!;
  const env = { ...s.environment, OTEL_EXPORTER_OTLP_ENDPOINT: '', ...overrides };
  const secrets = (s.secrets ?? []).flatMap((n) => ['-v', `${join(project, compose.secrets[n]!.file)}:/run/secrets/${n}:ro`]);
  containers.push(container);
  await podman(['run', '-d', '--name', container, '--network=host', ...secrets, ...extra, ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]), IMAGE, ...s.command!]);
}

async function startApi(container: string, volume: string): Promise<string> {
  await runService('api', container, {
    CCA_PORT: String(port), CCA_REDIS_URL: redis.url, CCA_PUBLIC_URL: `https://qa.test:${port}`, CCA_INTERNAL_HOSTS: `api:${port}`,
    CCA_ELEVENLABS_BASE_URL: eleven.url, CCA_OPENAI_BASE_URL: openai.url,
  }, ['-v', `${volume}:/data`]);
  await until('the api ready line', async () => /ready at https:\/\/127\.0\.0\.1:\d+\//.test(await podman(['logs', container])));
  return podman(['exec', container, 'cat', '/data/api-token']);
}

let ownerToken = '';
let recordingId = 0;
const workerServices = Object.keys(compose.services).filter((n) => compose.services[n]!.command?.[0] === 'worker');

describe('compose.yaml wiring, run with the image', () => {
  it('the api speaks TLS with the certificate init-secrets.sh made, and its health check passes over it', async () => {
    ownerToken = await startApi(name('api'), volumes.data);
    expect(await podman(['exec', name('api'), 'cca', 'healthcheck'])).toBe(`healthy: https://127.0.0.1:${port}/api/v1/health`);
    const health = await tls('/api/v1/health', { token: ownerToken });
    expect(health.status).toBe(200);
  });

  it('one worker of each service joins over https://api:<port> and a call finishes through them', async () => {
    const minted = await podman(['exec', name('api'), 'cca', 'users', 'worker-token', '--name', 'compose']);
    writeFileSync(join(project, 'secrets/worker_token'), `${minted.split('\n').at(-1)!}\n`);
    const metricsPorts: Record<string, number> = {};
    for (const service of workerServices) {
      metricsPorts[service] = await freePort();
      await runService(service, name(service), {
        CCA_API_URL: `https://api:${port}`, CCA_REDIS_URL: redis.url, CCA_WORKER_METRICS_PORT: String(metricsPorts[service]),
      }, ['--add-host', 'api:127.0.0.1']);
    }
    const joined = await until('every worker service listed by the api', async () => {
      const list = value<{ services: { role: string; name: string; state: string; steps: string[] }[] }>(await tls('/api/v1/services', { token: ownerToken }));
      const live = list.services.filter((s) => s.role === 'worker' && s.name === 'compose' && s.state === 'live');
      return live.length === workerServices.length ? live : null;
    });
    expect(joined.map((s) => s.steps.join(',')).sort()).toEqual(workerServices.map((n) => commandFlag(compose.services[n]!, 'steps')).sort());
    for (const service of workerServices) {
      expect(await podman(['exec', name(service), 'cca', 'healthcheck'])).toBe(`healthy: http://127.0.0.1:${metricsPorts[service]}/metrics`);
    }

    const form = new FormData();
    const id = calls.ids[0]!;
    form.append('files', new Blob([readFileSync(calls.file(id, 'wav'))]), `${id}.wav`);
    const upload = new Request('http://x/', { method: 'POST', body: form });
    const up = value<{ results: { ok: boolean; recordingId?: number }[] }>(await tls('/api/v1/recordings', {
      token: ownerToken, method: 'POST', body: Buffer.from(await upload.arrayBuffer()), type: upload.headers.get('content-type')!,
    }));
    expect(up.results.map((r) => r.ok)).toEqual([true]);
    recordingId = up.results[0]!.recordingId!;
    await until('every step done', async () => {
      const { jobs } = value<{ jobs: { step: string; state: string }[] }>(await tls(`/api/v1/jobs?recordingId=${recordingId}`, { token: ownerToken }));
      return jobs.length === 6 && jobs.every((j) => j.state === 'done');
    }, 180_000);
    expect(eleven.calls['POST /v1/speech-to-text']).toBe(1);
  });

  it("Prometheus' view: /metrics as api:<port> with a reviewer's token; any other Host name is refused", async () => {
    await podman(['exec', name('api'), 'cca', 'users', 'add', 'metrics', '--role', 'reviewer']);
    const token = (await podman(['exec', name('api'), 'cca', 'users', 'token', 'metrics', '--name', 'prometheus'])).split('\n').at(-1)!;
    const scraped = await tls('/metrics', { token, host: `api:${port}` });
    expect(scraped.status).toBe(200);
    expect(scraped.text).toMatch(/^cca_workers\{state="live"\} 3$/m);
    const foreign = await tls('/metrics', { token, host: `evil.example:${port}` });
    expect(foreign.status).toBe(403);
  });

  it('backs the volume up while the api runs, and a new api serves the restored volume', async () => {
    const backup = podmanBytes(['exec', name('api'), 'cca', 'db', 'backup']);
    expect(backup.stderr).toMatch(/^Backup written to stdout: database [\d.]+ MiB \(schema \d+\), 1 library files/);
    expect(backup.status).toBe(0);
    await podman(['volume', 'create', volumes.restored]);
    const restored = podmanBytes(['run', '--rm', '-i', '-v', `${volumes.restored}:/data`, IMAGE, 'db', 'restore'], backup.stdout);
    expect(restored.stdout.toString()).toMatch(/^Restored the backup of \S+ \(version [\d.]+, schema \d+\): the database and 1 library files\./);
    expect(restored.status).toBe(0);
    await podman(['stop', '-t', '20', name('api')]);
    const token = await startApi(name('api-restored'), volumes.restored);
    const detail = value<{ id: number; status: string }>(await tls(`/api/v1/recordings/${recordingId}`, { token }));
    expect(detail).toMatchObject({ id: recordingId, status: 'done' });
    // The audio came back with it: the api streams it from the restored library.
    const { url } = value<{ url: string }>(await tls(`/api/v1/recordings/${recordingId}/audio-url`, { token }));
    const audio = await tls(url, { token });
    expect(audio.status).toBe(200);
    expect(audio.text.slice(0, 4)).toBe('RIFF');
  });
});
