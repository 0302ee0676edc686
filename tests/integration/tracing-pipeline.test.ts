import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../main/config/load-config.js';
import { buildCore, type Core } from '../../main/core.js';
import { startFakeElevenLabs, startFakeOpenAI, type FakeElevenLabs, type FakeOpenAI } from '../fakes/index.js';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { generateCalls } from '../helpers/fixtures.js';
import { startServedApp } from '../helpers/serve-process.js';

/**
 * Issue 13 traces. In process, with an in-memory exporter: the exact span tree of one recording's
 * pipeline (root, one span per step attempt, provider requests as client spans with their status, an
 * injected 500 as an error span followed by the successful retry), one trace id kept across a core
 * restart in the middle of the batch, and trace ids on the log lines. Out of process: `npm run
 * serve`'s build exports OTLP/HTTP JSON to a real receiver.
 */
const calls = generateCalls({ formats: ['wav'] });
let eleven: FakeElevenLabs;
let openai: FakeOpenAI;
const exporter = new InMemorySpanExporter();

beforeAll(async () => {
  eleven = await startFakeElevenLabs({ fixtures: [calls] });
  openai = await startFakeOpenAI({ fixtures: [calls] });
});
afterAll(async () => {
  await eleven?.close();
  await openai?.close();
});

const envFor = (dataDir: string) => ({
  CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test', CCA_LOG_LEVEL: 'info',
  CCA_ELEVENLABS_BASE_URL: eleven.url, CCA_OPENAI_BASE_URL: openai.url, ELEVENLABS_API_KEY: 'test-key', OPENAI_API_KEY: 'test-key',
  CCA_TRANSCRIBE_CONCURRENCY: '1',
});
const open = (env: Record<string, string>) => buildCore({ config: loadConfig(env), mode: 'browser', env, traceExporter: exporter });

async function until(what: string, fn: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const jobStates = (core: Core, id: number) => core.queue.service.query.byRecording(id).map((j) => `${j.step}:${j.state}`);
const settled = (core: Core, id: number) => { const s = jobStates(core, id); return s.length === 6 && s.every((x) => x.endsWith(':done')); };
const attr = (s: ReadableSpan, k: string) => s.attributes[k];

describe('traces of the pipeline', () => {
  it('one trace per recording: root, step attempts, provider client spans; kept across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cca-trace-'));
    const env = envFor(dataDir);
    await eleven.setFaults({ sequence: ['server_error'] });
    let core = await open(env);
    const batch = await core.services.imports.importPaths([calls.file(calls.ids[0]!, 'wav'), calls.file(calls.ids[1]!, 'wav')]);
    const [a, b] = batch.results.map((r) => r.recordingId!);
    // Restart in the middle: once A's transcript is in, close the core and open a new one on the same data.
    await until('the first transcript', () => jobStates(core, a!).includes('transcribe:done'));
    await core.close();
    core = await open(env);
    await until('both pipelines', () => settled(core, a!) && settled(core, b!));
    await core.close();

    const spans = exporter.getFinishedSpans();
    for (const id of [a!, b!]) {
      const mine = spans.filter((s) => attr(s, 'cca.recording.id') === id);
      const root = mine.filter((s) => s.name === 'recording.pipeline');
      expect(root, `recording ${id}`).toHaveLength(1);
      const traceId = root[0]!.spanContext().traceId;
      const inTrace = spans.filter((s) => s.spanContext().traceId === traceId);
      // Every step span of the recording, from both cores, is in the one trace, under the root.
      const steps = mine.filter((s) => s.name.startsWith('step.'));
      for (const s of steps) {
        expect(s.spanContext().traceId).toBe(traceId);
        expect(s.parentSpanContext?.spanId).toBe(root[0]!.spanContext().spanId);
        expect(attr(s, 'cca.step')).toBe(s.name.slice(5));
        expect(typeof attr(s, 'cca.job.id')).toBe('number');
        expect(typeof attr(s, 'cca.attempt')).toBe('number');
      }
      expect(root[0]!.parentSpanContext).toBeUndefined();
      expect(inTrace.every((s) => s === root[0] || s.parentSpanContext)).toBe(true);
    }

    // The recording whose transcription met the injected 500 in detail: that attempt, then the retry.
    // Which of the two it is depends on which probe finished first, so it is found, not assumed.
    const faulted = spans.filter((s) => s.name === 'step.transcribe' && s.status.code === SpanStatusCode.ERROR);
    expect(faulted).toHaveLength(1);
    const failedId = attr(faulted[0]!, 'cca.recording.id');
    expect([a, b]).toContain(failedId);
    const mine = spans.filter((s) => attr(s, 'cca.recording.id') === failedId);
    // Attempts the first core's shutdown interrupted were given back (outcome queued) and ran again
    // in the second core; the rest ran once, except the transcription the fake failed.
    const ran = mine.filter((s) => s.name.startsWith('step.') && attr(s, 'cca.outcome') !== 'queued');
    expect(ran.map((s) => `${s.name}#${String(attr(s, 'cca.attempt'))}`).sort()).toEqual(
      ['step.analyze#1', 'step.index#1', 'step.local_analysis#1', 'step.metrics#1', 'step.probe#1', 'step.transcribe#1', 'step.transcribe#2'],
    );
    const transcribe = ran.filter((s) => s.name === 'step.transcribe').sort((x, y) => Number(attr(x, 'cca.attempt')) - Number(attr(y, 'cca.attempt')));
    expect(transcribe[0]!.status.code).toBe(SpanStatusCode.ERROR);
    expect(attr(transcribe[0]!, 'cca.error.category')).toBe('provider');
    expect(attr(transcribe[0]!, 'cca.outcome')).toBe('waiting_retry');
    expect(transcribe[1]!.status.code).not.toBe(SpanStatusCode.ERROR);
    const clientUnder = (parent: ReadableSpan) => spans.filter((s) => s.kind === SpanKind.CLIENT && s.parentSpanContext?.spanId === parent.spanContext().spanId);
    expect(clientUnder(transcribe[0]!).map((s) => attr(s, 'http.response.status_code'))).toEqual([500]);
    expect(clientUnder(transcribe[1]!).map((s) => attr(s, 'http.response.status_code'))).toEqual([200]);
    const analyze = ran.find((s) => s.name === 'step.analyze')!;
    expect(clientUnder(analyze).map((s) => `${String(attr(s, 'http.request.method'))} ${String(attr(s, 'http.response.status_code'))}`)).toEqual(['POST 200']);

    // The import is a trace of its own: the batch, one span per file with its result.
    const importBatch = spans.find((s) => s.name === 'import.batch')!;
    expect(attr(importBatch, 'cca.import.imported')).toBe(2);
    const fileSpans = spans.filter((s) => s.name === 'import.file' && s.parentSpanContext?.spanId === importBatch.spanContext().spanId);
    expect(fileSpans.map((f) => attr(f, 'cca.import.result'))).toEqual(['imported', 'imported']);

    // Log lines written inside a span carry its ids.
    const logs = readdirSync(join(dataDir, 'logs')).flatMap((f) => readFileSync(join(dataDir, 'logs', f), 'utf8').split('\n').filter(Boolean))
      .map((l) => JSON.parse(l) as { msg: string; recordingId?: number; step?: string; trace_id?: string; span_id?: string });
    const done = logs.filter((l) => l.msg === 'job done' && l.recordingId === failedId && l.step === 'analyze');
    expect(done).toHaveLength(1);
    expect(done[0]!.trace_id).toBe(analyze.spanContext().traceId);
    expect(done[0]!.span_id).toBe(analyze.spanContext().spanId);
  }, 120_000);
});

describe('OTLP export from the served app', () => {
  let receiver: Server;
  const received: { path: string; contentType: string; body: unknown }[] = [];
  beforeAll(async () => {
    ensureBuilt();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: JSON.parse(body) as unknown });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  });
  afterAll(() => receiver?.close());

  it('OTEL_EXPORTER_OTLP_ENDPOINT + http/json: the receiver gets the pipeline spans of a call', async () => {
    const port = (receiver.address() as { port: number }).port;
    const app = await startServedApp({
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_SERVICE_NAME: 'cca-test', OTEL_BSP_SCHEDULE_DELAY: '200',
        CCA_ELEVENLABS_BASE_URL: eleven.url, CCA_OPENAI_BASE_URL: openai.url, ELEVENLABS_API_KEY: 'test-key', OPENAI_API_KEY: 'test-key',
      },
    });
    try {
      await app.api('/api/v1/recordings/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paths: [calls.file(calls.ids[2]!, 'wav')] }) });
      type Otlp = { resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: { name: string; traceId: string }[] }[] }[] };
      const names = () => received.flatMap((r) => (r.body as Otlp).resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.name))));
      await until('the pipeline root span at the receiver', () => names().includes('recording.pipeline'), 90_000);
      expect(received.every((r) => r.path === '/v1/traces' && r.contentType.startsWith('application/json'))).toBe(true);
      const resource = (received[0]!.body as Otlp).resourceSpans[0]!.resource.attributes.find((a) => a.key === 'service.name');
      expect(resource?.value.stringValue).toBe('cca-test');
      expect(names()).toEqual(expect.arrayContaining(['step.probe', 'step.transcribe', 'step.analyze', 'step.index', 'POST']));
      const csv = await app.api('/api/v1/exports/calls.csv');
      expect(csv.status).toBe(200);
      await csv.text();
      await until('the export span at the receiver', () => names().includes('export.calls.csv'), 30_000);
      const traces = new Set(received.flatMap((r) => (r.body as Otlp).resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.filter((s) => s.name.startsWith('step.') || s.name === 'recording.pipeline').map((s) => s.traceId)))));
      expect(traces.size).toBe(1);
    } finally {
      await app.stop();
    }
  }, 120_000);
});
