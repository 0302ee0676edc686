import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisView } from '../../preload/contract/schemas/analysis.js';
import type { CallList } from '../../preload/contract/schemas/calls.js';
import type { RecordingMetrics } from '../../preload/contract/schemas/local-analytics.js';
import type { DashboardView } from '../../preload/contract/operations/dashboard.js';
import { defaultAnalyze, startFakeElevenLabs, startFakeOpenAI, type FakeElevenLabs, type FakeOpenAI } from '../fakes/index.js';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { generateCalls } from '../helpers/fixtures.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';

/**
 * Issue 17 through the served app, the real pipeline and the fake providers: the model quotes the way
 * models do (contractions, numerals, a skipped word) and the evidence is kept with the transcript's
 * words and times; an invented quote is listed as not in the call; an answer citing nothing is
 * unsupported; the dashboard counts both. Then transcript quality: the clean call scores high; the same
 * call attached as a transcript with 30% of its words unsure and in another language scores low, is
 * labelled and routed to review, and leaves the final-score figures until a person reviews it.
 */
const calls = generateCalls({ formats: ['wav'] });
const CALL = 'billing-refund-good';
let eleven: FakeElevenLabs;
let openai: FakeOpenAI;
let app: ServedApp;

type Ev = { quote: string; speaker: string; start: number; end: number };
type Out = { criteria: Record<string, { answer: string; rationale: string; evidence: Ev[] }> };
const at = (quote: string): Ev => ({ quote, speaker: 'agent', start: 9, end: 12 });

beforeAll(async () => {
  ensureBuilt();
  eleven = await startFakeElevenLabs({ fixtures: [calls] });
  openai = await startFakeOpenAI({ fixtures: [calls] });
  openai.setAnalyze((req) => {
    const out = defaultAnalyze(req) as Out;
    if (!req.transcript.includes('eighty four pounds')) return out;
    out.criteria.resolution = { answer: 'yes', rationale: 'Refunded.', evidence: [at("I've refunded the duplicate payment"), at('two payments of £84')] };
    out.criteria.accurate_information = { answer: '5', rationale: 'Clear timing.', evidence: [at('within 5 working days'), at('I have refunded the payment')] };
    out.criteria.empathy!.evidence = [at('I completely understand how upsetting this must be')];
    out.criteria.professionalism = { answer: '4', rationale: 'Polite throughout.', evidence: [] };
    return out;
  });
  app = await startServedApp({
    env: {
      CCA_ELEVENLABS_BASE_URL: eleven.url, ELEVENLABS_API_KEY: 'test-key', CCA_OPENAI_BASE_URL: openai.url, OPENAI_API_KEY: 'test-key',
      CCA_CALL_LANGUAGE: 'en',
    },
  });
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await eleven?.close();
  await openai?.close();
});

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const body = (await (await app.api(path, init)).json()) as { ok: boolean; value: T; error?: unknown };
  if (!body.ok) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return body.value;
}
const post = <T>(path: string, body: unknown) => json<T>(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

async function waitFor<T>(what: string, fn: () => Promise<T | null>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
const row = async (id: number) => (await json<CallList>(`/api/v1/calls?ids=${id}`)).items[0]!;

describe('evidence through the API', () => {
  let id: number;
  it('keeps variant quotes with the transcript\'s words and times; lists the invented one; marks the answer without evidence', async () => {
    await post('/api/v1/recordings/import', { paths: [calls.file(CALL, 'wav')] });
    id = (await waitFor('the call in the list', async () => (await json<CallList>('/api/v1/calls')).items[0] ?? null)).id;
    await waitFor('the pipeline', async () => ((await row(id)).status === 'done' && (await row(id)).transcriptQuality !== null ? true : null));
    const { analysis } = await json<AnalysisView>(`/api/v1/recordings/${id}/analysis`);
    const crit = (cid: string) => analysis.scorecard.criteria.find((c) => c.id === cid)!;
    const truthLine = calls.truth(CALL).turns[4]!;

    const resolution = crit('resolution');
    expect(resolution.evidence.map((e) => [e.quote, e.match, e.modelQuote])).toEqual([
      ['I have refunded the duplicate payment', 'normalised', "I've refunded the duplicate payment"],
      ['two payments of eighty four pounds', 'normalised', 'two payments of £84'],
    ]);
    const accurate = crit('accurate_information');
    expect(accurate.evidence.map((e) => [e.quote, e.match])).toEqual([['within five working days', 'normalised'], ['I have refunded the duplicate payment', 'approximate']]);
    expect(accurate.evidence[1]!.similarity).toBeGreaterThanOrEqual(0.8);
    // Times are the transcript's own (inside that agent line), not the model's 9–12 s.
    for (const e of [...resolution.evidence, ...accurate.evidence]) {
      expect(e.start).toBeGreaterThanOrEqual(truthLine.start - 0.5);
      expect(e.end).toBeLessThanOrEqual(truthLine.end + 0.5);
      expect(e.start).not.toBe(9);
      expect(e.speaker).toBe('agent');
    }
    expect(resolution.support).toBe('evidence');

    const empathy = crit('empathy');
    expect(empathy.notFound).toEqual(['I completely understand how upsetting this must be']);
    expect(empathy.evidence).toEqual([]);
    expect(crit('professionalism').support).toBe('unsupported');
    expect(analysis.flags).toContainEqual({ kind: 'fabricated_quote', message: expect.stringContaining('I completely understand') });
    expect(analysis.flags).toContainEqual({ kind: 'unsupported_answer', message: '“How professional was the agent’s language and tone throughout?”: answered "4" with no evidence in the call.' });

    const dash = await json<DashboardView>('/api/v1/dashboard');
    expect(dash.overview.quotesNotFound).toBeGreaterThanOrEqual(1);
    expect(dash.overview.unsupportedAnswers).toBeGreaterThanOrEqual(1);
    const unsupportedOf = (cid: string) => dash.criterionSupport.find((r) => r.criterionId === cid);
    expect(unsupportedOf('professionalism')).toMatchObject({ aiAnswers: 1, unsupported: 1, unsupportedRate: 1 });
    expect(unsupportedOf('resolution')).toMatchObject({ aiAnswers: 1, unsupported: 0, unsupportedRate: 0 });
    // The click-through lists exactly that call.
    expect((await json<CallList>('/api/v1/calls?criterion=professionalism&criterionResult=unsupported')).items.map((r) => r.id)).toEqual([id]);
  }, 120_000);

  it('the clean call\'s transcript scores high and counts; the degraded one scores low and waits for review', async () => {
    const metrics = await json<RecordingMetrics>(`/api/v1/recordings/${id}/metrics`);
    const q = metrics.transcriptQuality!;
    console.log(`clean transcript quality ${q.score}/100`, JSON.stringify(q));
    expect(q.score).toBeGreaterThanOrEqual(85);
    expect(q).toMatchObject({ low: false, languageMismatch: false, threshold: 60 });
    expect((await row(id)).flags).not.toContain('needs_review');
    const before = await json<DashboardView>('/api/v1/dashboard');
    expect(before.overview).toMatchObject({ scored: 1, awaitingReview: 0 });

    // The same call as an ElevenLabs JSON transcript (words and the spacing between them): every third word unsure, and in Spanish.
    const truth = calls.truth(CALL);
    const words = truth.turns.flatMap((t) => {
      const ws = t.text.split(/\s+/);
      const step = (t.end - t.start) / ws.length;
      return ws.map((w, i) => ({ text: w, start: t.start + i * step, end: t.start + (i + 1) * step, speaker_id: t.speaker === 'agent' ? 'speaker_0' : 'speaker_1' }));
    });
    const content = JSON.stringify({
      language_code: 'spa', language_probability: 0.4, text: words.map((w) => w.text).join(' '),
      words: words.flatMap((w, i) => [...(i ? [{ text: ' ', type: 'spacing', start: w.start, end: w.start, speaker_id: w.speaker_id }] : []), { ...w, type: 'word', logprob: i % 10 < 3 ? -3 : -0.02 }]),
    });
    await post(`/api/v1/recordings/${id}/transcript/text`, { fileName: 'call.json', content });
    const low = await waitFor('the degraded transcript scored', async () => {
      const m = await json<RecordingMetrics>(`/api/v1/recordings/${id}/metrics`);
      return m.transcriptQuality && m.transcriptQuality.languageMismatch ? m.transcriptQuality : null;
    });
    console.log(`degraded transcript quality ${low.score}/100`, JSON.stringify(low));
    expect(low.score).toBeLessThan(40);
    expect(low.low).toBe(true);
    expect(low.lowConfidenceShare).toBeCloseTo(0.3, 1);
    expect(low.reasons.join(' ')).toMatch(/low confidence.*"spa".*"en"/s);
    await waitFor('needs review', async () => ((await row(id)).flags.includes('needs_review') ? true : null));
    expect((await json<CallList>('/api/v1/calls?flag=needs_review')).items.map((r) => r.id)).toEqual([id]);
    expect((await json<CallList>('/api/v1/calls?maxQuality=59')).items.map((r) => r.id)).toEqual([id]);
    const awaiting = await json<DashboardView>('/api/v1/dashboard');
    expect(awaiting.overview).toMatchObject({ scored: 0, avgScore: null, awaitingReview: 1 });

    // A person reviews it: its score counts, the flag is gone.
    await json(`/api/v1/recordings/${id}/review`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reviewed: true }) });
    expect((await row(id)).flags).not.toContain('needs_review');
    expect((await json<DashboardView>('/api/v1/dashboard')).overview).toMatchObject({ scored: 1, awaitingReview: 0 });
  }, 120_000);
});
