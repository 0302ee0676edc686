import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeElevenLabs, startFakeOpenAI, type FakeElevenLabs, type FakeOpenAI } from '../fakes/index.js';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { generateCalls } from '../helpers/fixtures.js';
import { parsePromText, promValue, type PromSample } from '../helpers/prom-text.js';
import { waitFor } from '../helpers/wait-for.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';

/**
 * Issue 13: metrics, the egress ledger and error tracking after a known workload, through `npm run
 * serve`'s build, the real SDKs and the fakes. Four recordings, one attempt each, one at a time per
 * provider; the fakes inject a 500 and a 429 on the first two transcriptions and a malformed answer
 * (twice: the analyzer retries once in place) on the first analysis. So: 3 problems of 3 kinds, one
 * call fully analysed, and every byte the fakes logged is in the ledger.
 */
const calls = generateCalls({ formats: ['wav'] });
let eleven: FakeElevenLabs;
let openai: FakeOpenAI;
let app: ServedApp;
const ids: number[] = [];

interface Job { step: string; state: string }
const jobsOf = async (id: number) => ((await (await app.api(`/api/v1/jobs?recordingId=${id}`)).json()) as { value: { jobs: Job[] } }).value.jobs;
const settled = (jobs: Job[]) => jobs.length > 0 && jobs.every((j) => ['done', 'failed'].includes(j.state)) && (jobs.some((j) => j.state === 'failed') || jobs.some((j) => j.step === 'index'));


async function scrape(): Promise<PromSample[]> {
  const res = await fetch(`${app.origin}/metrics`, { headers: { Authorization: `Bearer ${app.token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePromText(await res.text());
}

beforeAll(async () => {
  ensureBuilt();
  eleven = await startFakeElevenLabs({ fixtures: [calls], faults: { sequence: ['server_error', 'rate_limit'], retryAfterSeconds: 1 } });
  openai = await startFakeOpenAI({ fixtures: [calls], faults: { sequence: ['malformed', 'malformed'], endpoints: ['POST /v1/responses'] } });
  app = await startServedApp({
    env: {
      CCA_ELEVENLABS_BASE_URL: eleven.url, ELEVENLABS_API_KEY: 'test-key', CCA_OPENAI_BASE_URL: openai.url, OPENAI_API_KEY: 'test-key',
      CCA_TRANSCRIPTION_PROVIDER: 'elevenlabs', CCA_MAX_ATTEMPTS: '1', CCA_TRANSCRIBE_CONCURRENCY: '1', CCA_ANALYZE_CONCURRENCY: '1',
    },
  });
  const body = JSON.stringify({ paths: calls.ids.map((id) => calls.file(id, 'wav')) });
  const res = (await (await app.api('/api/v1/recordings/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })).json()) as {
    value: { results: { recordingId: number }[] };
  };
  ids.push(...res.value.results.map((r) => r.recordingId));
  await waitFor('every recording to settle', async () => ((await Promise.all(ids.map(jobsOf))).every(settled) ? true : null));
}, 180_000);
afterAll(async () => {
  await app?.stop();
  await eleven?.close();
  await openai?.close();
});

describe('observability after a known workload', () => {
  it('GET /metrics needs the token', async () => {
    const res = await fetch(`${app.origin}/metrics`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { category: string } }).error.category).toBe('auth');
  });

  it('counters and histogram counts equal the workload; labels stay bounded', async () => {
    const m = await scrape();
    expect(promValue(m, 'cca_recordings_imported_total', { result: 'imported' })).toBe(4);
    expect(promValue(m, 'cca_provider_requests_total', { provider: 'elevenlabs', operation: 'speech_to_text', status: '500' })).toBe(1);
    expect(promValue(m, 'cca_provider_requests_total', { provider: 'elevenlabs', operation: 'speech_to_text', status: '429' })).toBe(1);
    expect(promValue(m, 'cca_provider_requests_total', { provider: 'elevenlabs', operation: 'speech_to_text', status: '200' })).toBe(2);
    expect(promValue(m, 'cca_provider_requests_total', { provider: 'openai', operation: 'responses', status: '200' })).toBe(3);
    expect(promValue(m, 'cca_provider_request_duration_seconds_count', { provider: 'elevenlabs', operation: 'speech_to_text' })).toBe(4);
    expect(promValue(m, 'cca_step_duration_seconds_count', { step: 'transcribe', provider: 'elevenlabs', outcome: 'failed' })).toBe(2);
    expect(promValue(m, 'cca_step_duration_seconds_count', { step: 'transcribe', provider: 'elevenlabs', outcome: 'done' })).toBe(2);
    expect(promValue(m, 'cca_step_duration_seconds_count', { step: 'analyze', provider: 'openai', outcome: 'failed' })).toBe(1);
    expect(promValue(m, 'cca_step_duration_seconds_count', { step: 'analyze', provider: 'openai', outcome: 'done' })).toBe(1);
    expect(promValue(m, 'cca_step_duration_seconds_count', { step: 'probe', provider: 'local', outcome: 'done' })).toBe(4);
    expect(promValue(m, 'cca_jobs', { step: 'transcribe', state: 'failed' })).toBe(2);
    expect(promValue(m, 'cca_jobs', { step: 'analyze', state: 'done' })).toBe(1);
    expect(promValue(m, 'cca_circuit_state', { provider: 'elevenlabs' })).toBe(0);
    expect(promValue(m, 'cca_cost_usd_total')).toBeGreaterThan(0);
    expect(promValue(m, 'cca_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/recordings/import', status: '200' })).toBe(1);
    expect(promValue(m, 'cca_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/jobs' })).toBeGreaterThan(0);
    expect(promValue(m, 'cca_db_query_duration_seconds_count', { dao: 'jobs', statement: 'claim' })).toBeGreaterThan(0);
    expect(promValue(m, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(m.some((s) => s.name.startsWith('nodejs_eventloop_lag'))).toBe(true);
    expect(m.some((s) => s.name.startsWith('nodejs_gc_duration_seconds'))).toBe(true);

    // Cardinality: no recording id, file name or raw path ever becomes a label value.
    const cca = m.filter((s) => s.name.startsWith('cca_'));
    for (const s of cca) {
      for (const [k, v] of Object.entries(s.labels)) {
        if (k === 'le' || k === 'status') continue;
        expect(v, `${s.name} ${JSON.stringify(s.labels)}`).not.toMatch(/\.wav|^\d+$|\/\d+(\/|$)/);
      }
    }
    const routes = [...new Set(m.filter((s) => s.name === 'cca_http_request_duration_seconds_count').map((s) => s.labels.route ?? ''))];
    expect(routes.every((r) => r === '*' || r.startsWith('/')), routes.join(' ')).toBe(true);
    await fetch(`${app.origin}/api/v1/recordings/987654/egress`, { headers: { Authorization: `Bearer ${app.token}` } });
    const again = await scrape();
    expect(promValue(again, 'cca_http_request_duration_seconds_count', { route: '/api/v1/recordings/{id}/egress', status: '404' })).toBe(1);
  });

  it('the egress ledger holds exactly what the fakes received and sent', async () => {
    const fakes = [...eleven.requests, ...openai.requests];
    const report = (await (await app.api('/api/v1/egress?from=2000-01-01')).json()) as {
      value: { providers: { provider: string; requests: number; bytesSent: number; bytesReceived: number }[] };
    };
    const byProvider = Object.fromEntries(report.value.providers.map((p) => [p.provider, p]));
    for (const [provider, fake] of [['elevenlabs', eleven], ['openai', openai]] as const) {
      expect(byProvider[provider]?.requests, provider).toBe(fake.requests.length);
      expect(byProvider[provider]?.bytesSent, provider).toBe(fake.requests.reduce((a, r) => a + r.bytesIn, 0));
      expect(byProvider[provider]?.bytesReceived, provider).toBe(fake.requests.reduce((a, r) => a + r.bytesOut, 0));
    }
    expect(fakes.reduce((a, r) => a + r.bytesIn, 0)).toBeGreaterThan(100_000); // the audio really went out

    let analysed = 0;
    for (const id of ids) {
      const e = (await (await app.api(`/api/v1/recordings/${id}/egress`)).json()) as {
        value: { leftMachine: boolean; items: { endpoint: string; status: number | null; audioSec: number | null; costUsd: number | null; model: string | null }[]; totals: { costUsd: number } };
      };
      expect(e.value.leftMachine).toBe(true);
      const stt = e.value.items.find((i) => i.endpoint === 'POST /v1/speech-to-text')!;
      expect(stt.model).toBe('scribe_v2');
      expect(stt.audioSec).toBeGreaterThan(5);
      if (e.value.items.some((i) => i.endpoint === 'POST /v1/responses' && i.status === 200 && i.costUsd !== null)) analysed++;
    }
    expect(analysed).toBe(1);
  });

  it('the evidence pack and the JSON export carry each call\'s ledger', async () => {
    type Exported = { id: number; egress: { leftMachine: boolean; requests: number; bytesSent: number; items: { endpoint: string; requestId: string | null }[] } };
    const calls = (await (await app.api('/api/v1/exports/calls.json')).json()) as Exported[];
    expect(calls.map((c) => c.id).sort()).toEqual([...ids].sort());
    for (const c of calls) {
      const ledger = (await (await app.api(`/api/v1/recordings/${c.id}/egress`)).json()) as { value: { items: { requestId: string | null }[]; totals: { requests: number; bytesSent: number } } };
      expect(c.egress.leftMachine).toBe(true);
      expect(c.egress.requests).toBe(ledger.value.totals.requests);
      expect(c.egress.bytesSent).toBe(ledger.value.totals.bytesSent);
      expect(c.egress.items.map((i) => i.requestId)).toEqual(ledger.value.items.map((i) => i.requestId));
    }
    const first = ids[0]!;
    const html = await (await app.api(`/api/v1/recordings/${first}/evidence.html`)).text();
    expect(html).toContain('<h2>Sent to providers</h2>');
    const ledger = (await (await app.api(`/api/v1/recordings/${first}/egress`)).json()) as { value: { items: { endpoint: string; requestId: string | null }[] } };
    for (const i of ledger.value.items) {
      expect(html).toContain(i.endpoint);
      if (i.requestId) expect(html).toContain(i.requestId);
    }
  });

  it('three kinds of failure are three problems; retry-all re-runs exactly the affected step', async () => {
    const list = (await (await app.api('/api/v1/problems')).json()) as {
      value: { groups: { category: string; step: string; provider: string; fingerprint: string; count: number; failedNow: number; recordingIds: number[]; message: string }[] };
    };
    const groups = list.value.groups;
    expect(groups.map((g) => `${g.category} ${g.step} ${g.provider} ${g.count} ${g.failedNow}`).sort()).toEqual([
      'provider analyze openai 1 1',
      'provider transcribe elevenlabs 1 1',
      'rate_limit transcribe elevenlabs 1 1',
    ]);
    const serverError = groups.find((g) => g.step === 'transcribe' && g.category === 'provider')!;
    const rateLimited = groups.find((g) => g.category === 'rate_limit')!;
    const [target] = serverError.recordingIds;
    const retry = (await (await app.api('/api/v1/problems/retry', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ category: serverError.category, step: serverError.step, provider: serverError.provider, fingerprint: serverError.fingerprint }),
    })).json()) as { value: { recordings: number; changed: number } };
    expect(retry.value).toEqual({ recordings: 1, changed: 1 });
    const jobs = await waitFor('the retried call to finish', async () => {
      const j = await jobsOf(target!);
      return j.find((x) => x.step === 'index')?.state === 'done' ? j : null;
    });
    expect(jobs.every((j) => j.state === 'done')).toBe(true);
    const other = await jobsOf(rateLimited.recordingIds[0]!);
    expect(other.find((j) => j.step === 'transcribe')?.state).toBe('failed');
  });
});
