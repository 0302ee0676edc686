import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { generateCalls } from '../helpers/fixtures.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';
import { startFakeLlamaServer } from '../fakes/llama-server.js';
import type { FakeOpenAI } from '../fakes/openai.js';

/**
 * Issue 12 item 8: a local OpenAI-compatible server that speaks only Chat Completions (the way
 * llama.cpp's server, Ollama and LM Studio do; /v1/responses answers 404). A call goes end to end —
 * the built server, the real SDK, transcription and analysis both through the fake — with
 * CCA_OPENAI_API_STYLE=auto (the first analysis falls back after the 404 and the base URL is
 * remembered) and with `chat` (Responses is never tried). Evidence, tokens and cost are checked on
 * the stored analysis, and the health report says which API the server answered.
 */
const calls = generateCalls({ formats: ['wav'] });
let fake: FakeOpenAI;

beforeAll(async () => {
  ensureBuilt();
  fake = await startFakeLlamaServer({ fixtures: [calls] });
}, 120_000);
afterAll(async () => {
  await fake?.close();
});

interface Job { step: string; state: string; error: { message: string } | null }

async function analysed(app: ServedApp, file: string): Promise<number> {
  const res = (await (await app.api('/api/v1/recordings/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paths: [file] }) })).json()) as {
    value: { results: { ok: boolean; recordingId?: number }[] };
  };
  const id = res.value.results[0]!.recordingId!;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const { value } = (await (await app.api(`/api/v1/jobs?recordingId=${id}`)).json()) as { value: { jobs: Job[] } };
    const analyze = value.jobs.find((j) => j.step === 'analyze');
    if (analyze?.state === 'done') return id;
    if (value.jobs.some((j) => j.state === 'failed')) throw new Error(`recording ${id} failed: ${JSON.stringify(value.jobs)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`recording ${id} not analysed in time`);
}

const analysisEndpoints = () => fake.requests.filter((r) => r.endpoint !== 'POST /v1/audio/transcriptions').map((r) => `${r.endpoint} ${r.status}`);

async function expectUsableAnalysis(app: ServedApp, id: number): Promise<void> {
  const a = (await (await app.api(`/api/v1/recordings/${id}/analysis`)).json()) as {
    ok: boolean; value: { inputTokens: number; outputTokens: number; costUsd: number | null; analysis: { scorecard: { criteria: { evidence: { quote: string }[] }[] } } };
  };
  expect(a.ok).toBe(true);
  expect(a.value.inputTokens).toBeGreaterThan(0);
  expect(a.value.outputTokens).toBeGreaterThan(0);
  expect(a.value.costUsd).toBeGreaterThan(0);
  const t = (await (await app.api(`/api/v1/recordings/${id}/transcript`)).json()) as { value: { transcript: { segments: { text: string }[] } } };
  const text = t.value.transcript.segments.map((s) => s.text).join(' ').toLowerCase();
  const quotes = a.value.analysis.scorecard.criteria.flatMap((c) => c.evidence.map((e) => e.quote.toLowerCase()));
  expect(quotes.length).toBeGreaterThan(0);
  for (const q of quotes) expect(text, q).toContain(q.replace(/[.…]+$/, '').slice(0, 20));
}

async function serve(style: string): Promise<ServedApp> {
  return startServedApp({
    env: { CCA_TRANSCRIPTION_PROVIDER: 'openai', CCA_OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'test-key', CCA_OPENAI_API_STYLE: style },
  });
}

describe('a local server that speaks only Chat Completions', () => {
  it('auto: the first analysis falls back from /responses (404) to chat; the next goes straight to chat', async () => {
    fake.resetStats();
    const app = await serve('auto');
    try {
      const first = await analysed(app, calls.file(calls.ids[0]!, 'wav'));
      expect(analysisEndpoints()).toEqual(['POST /v1/responses 404', 'POST /v1/chat/completions 200']);
      await expectUsableAnalysis(app, first);
      fake.resetStats();
      await analysed(app, calls.file(calls.ids[1]!, 'wav'));
      expect(analysisEndpoints()).toEqual(['POST /v1/chat/completions 200']);
      const health = (await (await app.api('/api/v1/health')).json()) as { value: { providers: { id: string; api?: unknown }[] } };
      expect(health.value.providers.find((p) => p.id === 'openai')?.api).toEqual({ baseUrl: fake.url, style: 'chat', fellBack: true });
    } finally {
      await app.stop();
    }
  }, 240_000);

  it('chat: Responses is never tried', async () => {
    fake.resetStats();
    const app = await serve('chat');
    try {
      const id = await analysed(app, calls.file(calls.ids[2]!, 'wav'));
      expect(analysisEndpoints()).toEqual(['POST /v1/chat/completions 200']);
      await expectUsableAnalysis(app, id);
    } finally {
      await app.stop();
    }
  }, 240_000);
});
