import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceList } from '../../preload/contract/schemas/queue.js';
import type { FakeElevenLabs } from '../fakes/index.js';
import { generateCalls } from '../helpers/fixtures.js';
import type { RedisServer } from '../helpers/redis-server.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';
import { apiValue, startTeamRig, type TeamRig } from '../helpers/team-server.js';
import { mintWorkerToken, runWorkerToExit, startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';

/**
 * Issue 32, worker processes: `npm run serve` with CCA_QUEUE=redis as the storage service and two
 * `npm run worker` processes (dist/cli/worker.mjs) on a real redis-server, with the fake providers.
 * The workers never open the database: inputs, audio (signed URLs) and results go over the worker
 * routes with worker tokens, which reach nothing else.
 */
const calls = generateCalls({ formats: ['wav'] });
let rig: TeamRig;
let eleven: FakeElevenLabs;
let redis: RedisServer;
let app: ServedApp;
let dataDir: string;
const tokens: Record<string, string> = {};
const workers: WorkerProcess[] = [];

// A real OTLP/HTTP JSON receiver: the API and the workers export their spans to it.
interface OtlpSpan { name: string; traceId: string; spanId: string; parentSpanId?: string; attributes: { key: string; value: { intValue?: string | number; stringValue?: string } }[] }
type Otlp = { resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[] };
const spans: (OtlpSpan & { service: string })[] = [];
let receiver: Server;
const otel = (service: string) => ({
  OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as { port: number }).port}`, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  OTEL_SERVICE_NAME: service, OTEL_BSP_SCHEDULE_DELAY: '200',
});

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      for (const rs of (JSON.parse(body) as Otlp).resourceSpans) {
        const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
        for (const ss of rs.scopeSpans) for (const sp of ss.spans) spans.push({ ...sp, service });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  rig = await startTeamRig({ fixtures: [calls] });
  ({ eleven, redis } = rig);
  dataDir = mkdtempSync(join(tmpdir(), 'cca-team-'));
  for (const name of ['w1', 'w2', 'revoked', 'revoked-live']) tokens[name] = mintWorkerToken(dataDir, name);
  app = await startServedApp({
    dataDir,
    // The keys live on the server (apiEnv); the workers get them over their tokens.
    env: rig.apiEnv(otel('cca-api')),
  });
});
afterAll(async () => {
  await rig?.close({ workers, app });
  receiver?.close();
});

const workerEnv = (token: string) => ({ CCA_API_URL: app.origin, CCA_REDIS_URL: redis.url, CCA_WORKER_TOKEN: token, ELEVENLABS_API_KEY: '', OPENAI_API_KEY: '', ...otel('cca-worker') });

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
    workers.push(await startWorkerProcess({ ...workerEnv(tokens.w2!), CCA_WORKER_STEPS: 'analyze,local_analysis,index,probe', CCA_WORKER_CONCURRENCY: '3', CCA_WORKER_METRICS_PORT: '0' }));
    const metricsUrl = /metrics=(http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(workers[1]!.output())?.[1];
    expect(metricsUrl, workers[1]!.output()).toBeDefined();
    const services = await until('both workers listed', async () => {
      const list = await apiValue<ServiceList>(await app.api('/api/v1/services'));
      return list.services.filter((s) => s.role === 'worker' && s.state === 'live').length === 2 ? list : null;
    });
    expect(services.transport).toBe('redis');
    expect(services.services.find((s) => s.role === 'api')).toMatchObject({ steps: [], state: 'live' });
    expect(services.services.filter((s) => s.role === 'worker').map((s) => [s.name, s.steps.join(','), s.concurrency]).sort()).toEqual([
      ['w1', 'probe,metrics,transcribe', 2], ['w2', 'analyze,local_analysis,index,probe', 3],
    ]);

    // Prometheus: worker series by token name (bounded), not by process id.
    const metrics = await (await app.api('/metrics')).text();
    expect(metrics).toMatch(/^cca_workers\{state="live"\} 2$/m);
    expect(metrics).toMatch(/^cca_worker_slots\{worker="w1",kind="total"\} 6$/m);
    expect(metrics).toMatch(/^cca_worker_slots\{worker="w2",kind="total"\} 12$/m);
    expect(metrics).not.toContain(services.services.find((s) => s.role === 'worker')!.id);

    const ids = calls.ids.slice(0, 4);
    const imported = await apiValue<{ results: { recordingId: number | null }[] }>(await app.api('/api/v1/recordings/import', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paths: ids.map((id) => calls.file(id, 'wav')) }),
    }));
    const recs = imported.results.map((r) => r.recordingId!);
    let last = '';
    await until('every step done', async () => {
      const jobs = await apiValue<{ jobs: { step: string; state: string; error: { message: string } | null }[]; total: number }>(await app.api('/api/v1/jobs?limit=200'));
      last = jobs.jobs.map((j) => `${j.step}:${j.state}${j.error ? ` (${j.error.message})` : ''}`).join('\n');
      return jobs.total === recs.length * 6 && jobs.jobs.every((j) => j.state === 'done');
    }).catch((e: unknown) => {
      throw new Error(`${String(e)}\njobs:\n${last}\nworkers:\n${workers.map((w) => w.output()).join('\n---\n')}\nserver:\n${app.stderr().slice(-3000)}`);
    });
    // One transcription request per recording: no step ran twice anywhere.
    expect(eleven.calls['POST /v1/speech-to-text']).toBe(recs.length);
    // The analysing worker's own /metrics: every analysis was its, done once; it runs nothing now.
    const workerMetrics = await (await fetch(metricsUrl!)).text();
    expect(workerMetrics).toMatch(new RegExp(`^cca_worker_steps_total\\{step="analyze",outcome="done"\\} ${recs.length}$`, 'm'));
    expect(workerMetrics).toMatch(new RegExp(`^cca_worker_step_duration_seconds_count\\{step="analyze"\\} ${recs.length}$`, 'm'));
    expect(workerMetrics).not.toMatch(/^cca_worker_steps_total\{step="transcribe"/m);
    expect(workerMetrics).toMatch(/^cca_worker_in_flight 0$/m);
    expect(workerMetrics).toMatch(/^process_cpu_seconds_total /m);
    for (const id of recs) {
      const analysis = await app.api(`/api/v1/recordings/${id}/analysis`);
      expect(analysis.status).toBe(200);
      // What the workers sent the providers is in the API's egress ledger, tied to the call and its cost.
      const egress = await apiValue<{ leftMachine: boolean; items: { step: string | null; provider: string; operation: string; bytesSent: number; status: number | null }[]; totals: { costUsd: number } }>(
        await app.api(`/api/v1/recordings/${id}/egress`));
      expect(egress.leftMachine).toBe(true);
      expect(egress.items.filter((x) => x.step === 'transcribe').map((x) => [x.provider, x.operation, x.status])).toEqual([['elevenlabs', 'speech_to_text', 200]]);
      expect(egress.items.find((x) => x.step === 'transcribe')!.bytesSent).toBeGreaterThan(100_000);
      expect(egress.items.some((x) => x.step === 'analyze' && x.provider === 'openai')).toBe(true);
      expect(egress.totals.costUsd).toBeGreaterThan(0);
    }

    // One trace per recording across processes: the worker's span of a step is a child of the API's
    // attempt span, in the recording's trace, and the provider request under it too.
    const rec = recs[0]!;
    const of = (name: string) => spans.find((sp) => sp.name === name && sp.attributes.some((a) => a.key === 'cca.recording.id' && Number(a.value.intValue) === rec));
    await until('the API\'s and the worker\'s transcribe spans at the receiver', async () => !!(of('step.transcribe') && of('worker.transcribe')), 30_000);
    const api = of('step.transcribe')!;
    const worker = of('worker.transcribe')!;
    expect(api.service).toBe('cca-api');
    expect(worker.service).toBe('cca-worker');
    expect(worker.traceId).toBe(api.traceId);
    expect(worker.parentSpanId).toBe(api.spanId);
    await until('the worker\'s provider request span', async () => spans.some((sp) => sp.service === 'cca-worker' && sp.traceId === api.traceId && sp.parentSpanId === worker.spanId), 30_000);
  });

  it('a worker token reaches the worker routes and nothing else; a person\'s token does not reach the worker routes', async () => {
    const asWorker = (path: string) => fetch(`${app.origin}${path}`, { headers: { Authorization: `Bearer ${tokens.w1}` } });
    expect((await asWorker('/api/v1/worker/config')).status).toBe(200);
    for (const path of ['/api/v1/recordings', '/api/v1/health', '/api/v1/services', '/metrics', '/api/v1/recordings/1/audio']) {
      expect((await asWorker(path)).status, path).toBe(403);
    }
    const config = await apiValue<{ secrets: Record<string, string> }>(await asWorker('/api/v1/worker/config'));
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
    const row = (await apiValue<{ id: number; name: string }[]>(revoked)).find((t) => t.name === 'revoked')!;
    expect((await app.api(`/api/v1/worker-tokens/${row.id}`, { method: 'DELETE' })).status).toBe(200);
    const refused = runWorkerToExit(workerEnv(tokens.revoked!));
    expect(refused.status).toBe(1);
    expect(refused.output).toMatch(/missing, wrong or revoked/);
    // Revoked while it runs: it takes no more jobs and exits (1) at its next request, saying why.
    const live = await startWorkerProcess(workerEnv(tokens['revoked-live']!));
    workers.push(live);
    const exited = new Promise<number | null>((resolve) => live.proc.once('exit', (code) => resolve(code)));
    const liveRow = (await apiValue<{ id: number; name: string }[]>(await app.api('/api/v1/worker-tokens'))).find((t) => t.name === 'revoked-live')!;
    expect((await app.api(`/api/v1/worker-tokens/${liveRow.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await exited).toBe(1);
    expect(live.output()).toMatch(/worker stopped: The server refused the worker's heartbeat: .*(missing, wrong or revoked)/);
    const usage = runWorkerToExit({ ...workerEnv(tokens.w1!), CCA_WORKER_STEPS: 'transcode' });
    expect(usage.status).toBe(2);
    expect(usage.output).toMatch(/Unknown step: transcode/);
    const badPort = runWorkerToExit({ ...workerEnv(tokens.w1!), CCA_WORKER_METRICS_PORT: 'ninety' });
    expect(badPort.status).toBe(2);
    expect(badPort.output).toMatch(/CCA_WORKER_METRICS_PORT must be a port number from 0 to 65535/);
  });
});
