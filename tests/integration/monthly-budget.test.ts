import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeElevenLabs, startFakeOpenAI, type FakeElevenLabs, type FakeOpenAI } from '../fakes/index.js';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { generateCalls } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';

/**
 * Issue 13 item 7, the budget: with CCA_MONTHLY_BUDGET_USD below the batch's cost, provider steps stop
 * at the budget (steps already running finish: one per lane at most past it) and the rest wait, saying
 * why; no provider request is made while waiting; raising the budget in Settings resumes them all.
 */
const calls = generateCalls({ formats: ['wav'] });
let eleven: FakeElevenLabs;
let openai: FakeOpenAI;
let app: ServedApp;

interface Job { recordingId: number; step: string; state: string; costUsd: number | null; error: { message: string; hint: string } | null }
const jobs = async () => ((await (await app.api('/api/v1/jobs?limit=500')).json()) as { value: { jobs: Job[] } }).value.jobs;

beforeAll(async () => {
  ensureBuilt();
  eleven = await startFakeElevenLabs({ fixtures: [calls] });
  openai = await startFakeOpenAI({ fixtures: [calls] });
  app = await startServedApp({
    env: {
      CCA_ELEVENLABS_BASE_URL: eleven.url, ELEVENLABS_API_KEY: 'test-key', CCA_OPENAI_BASE_URL: openai.url, OPENAI_API_KEY: 'test-key',
      CCA_TRANSCRIBE_CONCURRENCY: '1', CCA_ANALYZE_CONCURRENCY: '1',
    },
  });
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await eleven?.close();
  await openai?.close();
});

describe('monthly budget', () => {
  it('pauses provider steps at the budget, makes no request while waiting, resumes when raised', async () => {
    // One transcription of a fixture call costs ~$0.0035 at the fake's durations: the budget lets about one call through.
    const set = await app.api('/api/v1/settings', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ monthlyBudgetUsd: 0.004 }) });
    expect(set.status).toBe(200);
    await app.api('/api/v1/recordings/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paths: calls.ids.map((id) => calls.file(id, 'wav')) }) });

    const stalled = await waitFor('the batch to stop at the budget', async () => {
      const js = await jobs();
      const paid = js.filter((j) => j.step === 'transcribe' || j.step === 'analyze');
      const waiting = paid.filter((j) => j.state === 'waiting_config');
      const busy = paid.some((j) => ['queued', 'running'].includes(j.state));
      return waiting.length > 0 && !busy ? js : null;
    });
    const paid = stalled.filter((j) => j.step === 'transcribe' || j.step === 'analyze');
    const spent = paid.reduce((a, j) => a + (j.costUsd ?? 0), 0);
    const maxStep = Math.max(...paid.map((j) => j.costUsd ?? 0));
    expect(spent).toBeGreaterThanOrEqual(0.004);
    expect(spent).toBeLessThan(0.004 + 2 * maxStep); // at most one step per lane past the budget
    const waiting = paid.filter((j) => j.state === 'waiting_config');
    expect(waiting.length).toBeGreaterThan(0);
    for (const w of waiting) {
      expect(w.error?.message).toMatch(/^Monthly budget reached: \$0\.\d{4} spent of \$0\.0040 this month\.$/);
      expect(w.error?.hint).toContain('CCA_MONTHLY_BUDGET_USD');
    }
    // Waiting costs nothing: no provider request while the batch stands still.
    const requests = eleven.requests.length + openai.requests.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(eleven.requests.length + openai.requests.length).toBe(requests);

    const raise = await app.api('/api/v1/settings', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ monthlyBudgetUsd: 100 }) });
    expect(raise.status).toBe(200);
    const done = await waitFor('every call to finish', async () => {
      const js = await jobs();
      return js.length === calls.ids.length * 6 && js.every((j) => j.state === 'done') ? js : null;
    });
    expect(done.filter((j) => j.step === 'analyze')).toHaveLength(calls.ids.length);
  }, 150_000);
});
