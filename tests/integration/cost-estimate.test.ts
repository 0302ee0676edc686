import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CostEstimate, ImportBatchReport } from '../../preload/contract/schemas/estimates.js';
import { startFakeElevenLabs, startFakeOpenAI, type FakeElevenLabs, type FakeOpenAI } from '../fakes/index.js';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { generateCalls } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';

/**
 * Issue 13 item 7, cost before it is spent: the estimate stored with an import batch (made before any
 * provider step ran) is within 10% of what the batch really cost (the egress ledger), on a fresh
 * database (price table and typical figures) and again once the app has history; a re-run's estimate
 * knows what the analysis cache saves. The served app against the fake providers.
 */
const calls = generateCalls({ formats: ['wav', 'mp3'] });
let eleven: FakeElevenLabs;
let openai: FakeOpenAI;
let app: ServedApp;

const json = async <T>(path: string, init?: RequestInit): Promise<T> => {
  const res = await app.api(path, init);
  const body = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  if (!body.ok) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return body.value;
};
const post = <T>(path: string, body: unknown) => json<T>(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

async function importAndFinish(batchId: string, paths: string[]): Promise<ImportBatchReport> {
  await post('/api/v1/recordings/import', { paths, batchId });
  return waitFor(`batch ${batchId} to finish`, async () => {
    const b = await json<ImportBatchReport>(`/api/v1/import-batches/${batchId}`);
    return b.actual.stepsLeft === 0 && b.actual.stepsDone > 0 ? b : null;
  });
}

beforeAll(async () => {
  ensureBuilt();
  eleven = await startFakeElevenLabs({ fixtures: [calls] });
  openai = await startFakeOpenAI({ fixtures: [calls] });
  app = await startServedApp({
    env: { CCA_ELEVENLABS_BASE_URL: eleven.url, ELEVENLABS_API_KEY: 'test-key', CCA_OPENAI_BASE_URL: openai.url, OPENAI_API_KEY: 'test-key' },
  });
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await eleven?.close();
  await openai?.close();
});

const within = (estimate: number, actual: number) => Math.abs(estimate - actual) / actual;

describe('cost estimate', () => {
  let first: ImportBatchReport;

  it('estimates a fresh batch within 10% of its actual cost, from the price table', async () => {
    first = await importAndFinish('b-first', calls.ids.map((id) => calls.file(id, 'wav')));
    const e = first.estimate;
    expect(first.recordings).toBe(calls.ids.length);
    expect(e.recordings).toBe(calls.ids.length);
    expect(e.steps.map((s) => [s.step, s.calls, s.basis])).toEqual([['transcribe', calls.ids.length, 'price_table'], ['analyze', calls.ids.length, 'price_table']]);
    expect(e.steps.map((s) => s.model)).toEqual(['scribe_v2', 'gpt-4.1-mini']);
    expect(e.unpriced).toEqual([]);
    expect(e.seconds).toBeGreaterThan(0);
    expect(first.actual.usd).toBeGreaterThan(0);
    expect(first.actual.requests).toBe(eleven.requests.length + openai.requests.length);
    expect(first.actual.seconds).not.toBeNull();
    console.log(`fresh: estimate $${e.totalUsd} vs actual $${first.actual.usd} (${(within(e.totalUsd, first.actual.usd) * 100).toFixed(1)}%)`, JSON.stringify(e.steps));
    expect(within(e.totalUsd, first.actual.usd)).toBeLessThan(0.1);
  }, 120_000);

  it('estimates the next batch from history, again within 10%', async () => {
    // The MP3s say what the WAVs said: with the rubric unchanged every analysis would be a cache hit.
    // The lead rewords the rubric first, as happens between batches.
    const [rubric] = await json<{ name: string; criteria: { guidance?: string | null }[] }[]>('/api/v1/rubrics');
    await post('/api/v1/rubrics', { name: rubric!.name, criteria: rubric!.criteria.map((c) => ({ ...c, guidance: `${c.guidance ?? ''} Be strict.`.trim() })) });
    const second = await importAndFinish('b-second', calls.ids.map((id) => calls.file(id, 'mp3')));
    const e = second.estimate;
    expect(e.steps.map((s) => s.basis)).toEqual(['history', 'history']);
    console.log(`history: estimate $${e.totalUsd} vs actual $${second.actual.usd} (${(within(e.totalUsd, second.actual.usd) * 100).toFixed(1)}%)`);
    expect(within(e.totalUsd, second.actual.usd)).toBeLessThan(0.1);

    const list = await json<{ batches: ImportBatchReport[] }>('/api/v1/import-batches');
    expect(list.batches.map((b) => b.id)).toEqual(['b-second', 'b-first']);
  }, 120_000);

  it('knows what the analysis cache saves on a re-run, and what re-transcribing costs', async () => {
    const ids = await firstBatchIds();
    expect(ids).toHaveLength(calls.ids.length);
    const analyze = await post<CostEstimate>('/api/v1/estimates', { recordingIds: ids, step: 'analyze' });
    expect(analyze.steps.map((s) => s.step)).toEqual(['analyze']);
    expect(analyze.steps[0]).toMatchObject({ calls: 0, skipped: ids.length, usd: 0 });
    expect(analyze.savedUsd).toBeGreaterThan(0);
    expect(analyze.totalUsd).toBe(0);

    const transcribe = await post<CostEstimate>('/api/v1/estimates', { recordingIds: ids, step: 'transcribe' });
    expect(transcribe.steps.map((s) => [s.step, s.calls])).toEqual([['transcribe', ids.length], ['analyze', ids.length]]);
    expect(within(transcribe.totalUsd, first.actual.usd)).toBeLessThan(0.1);

    const local = await post<CostEstimate>('/api/v1/estimates', { recordingIds: ids, step: 'metrics' });
    expect(local.steps).toEqual([]);
    expect(local.totalUsd).toBe(0);

    const missing = await app.api('/api/v1/import-batches/b-none');
    expect(missing.status).toBe(404);
  }, 60_000);
});

/** The first batch was the WAV files. */
async function firstBatchIds(): Promise<number[]> {
  const list = await json<{ items: { id: number; fileName: string }[] }>('/api/v1/calls?limit=100');
  return list.items.filter((c) => c.fileName.endsWith('.wav')).map((c) => c.id);
}
