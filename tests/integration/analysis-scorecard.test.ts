import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../main/errors.js';
import { classify } from '../../main/jobs/classify.js';
import { defaultAnalyze, type FakeElevenLabs, type FakeOpenAI, FixtureRegistry, startFakeElevenLabs, startFakeOpenAI } from '../fakes/index.js';
import { type GeneratedCalls, generateCalls } from '../helpers/fixtures.js';
import { type ProviderHarness, startProviderHarness } from './providers-harness.js';

// Analysis through the real openai SDK (responses.parse + zodTextFormat) against the fake.
let calls: GeneratedCalls;
let openai: FakeOpenAI;
let eleven: FakeElevenLabs;
let h: ProviderHarness;
const sent: string[] = [];
/** Test hook: replace the next /responses answer (refusal, truncation). */
let rewrite: ((body: Record<string, unknown>) => Record<string, unknown>) | null = null;

const recordingFetch: typeof fetch = async (input, init) => {
  if (typeof init?.body === 'string') sent.push(init.body);
  const res = await fetch(input, init);
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!rewrite || !url.endsWith('/responses')) return res;
  const body = rewrite((await res.json()) as Record<string, unknown>);
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
};

beforeAll(async () => {
  calls = generateCalls({ formats: ['wav'] });
  const registry = new FixtureRegistry();
  registry.registerCalls(calls);
  openai = await startFakeOpenAI({ registry });
  eleven = await startFakeElevenLabs({ registry });
  h = await startProviderHarness({ CCA_OPENAI_BASE_URL: openai.url, CCA_ELEVENLABS_BASE_URL: eleven.url }, { fetch: recordingFetch });
});
afterAll(async () => {
  h?.close();
  await openai?.close();
  await eleven?.close();
});

async function transcribed(id: string): Promise<number> {
  const recordingId = h.addRecording(calls.file(id, 'wav'), calls.truth(id));
  const r = await h.transcribe(recordingId);
  if (r.kind !== 'done') throw new Error(r.message);
  r.save();
  return recordingId;
}

async function analyze(recordingId: number, rubricId?: number) {
  const r = await h.services.analysis.analyze(recordingId, { rubricId });
  if (r.kind !== 'done') throw new Error(r.message);
  return { ...r, row: r.save() };
}

describe('analysis scorecards', () => {
  it('every evidence quote is in the transcript; the weighted total is the app\'s arithmetic', async () => {
    for (const id of calls.ids) {
      const recordingId = await transcribed(id);
      const { row, cached, costUsd } = await analyze(recordingId);
      expect(cached).toBe(false);
      expect(costUsd).toBeGreaterThan(0);
      expect(row.inputTokens).toBeGreaterThan(0);
      const texts = h.services.transcription.get(recordingId).body.segments.map((s) => s.text);
      const a = row.body;
      const all = [...a.scorecard.criteria.flatMap((c) => c.evidence), ...a.behaviours.flatMap((b) => b.evidence), ...a.compliance.flatMap((c) => c.evidence)];
      expect(all.length).toBeGreaterThan(0);
      for (const e of all) {
        expect(texts.some((t) => t.includes(e.quote)), e.quote).toBe(true);
        expect(e.end).toBeGreaterThanOrEqual(e.start);
      }
      const criteria = a.scorecard.criteria;
      expect(criteria.map((c) => c.id)).toEqual(['greeting', 'recording_disclosure', 'identity_verification', 'empathy', 'accurate_information', 'resolution', 'closing', 'professionalism']);
      expect(criteria.filter((c) => c.source === 'rule').map((c) => c.id)).toEqual(['greeting', 'recording_disclosure', 'identity_verification', 'closing']);
      const fraction = (c: (typeof criteria)[number]) => (c.answer === 'n/a' ? null : c.type === 'yes_no' ? (c.answer === 'yes' ? 1 : 0) : (Number(c.answer) - 1) / 4);
      const applicable = criteria.filter((c) => fraction(c) !== null);
      const earned = applicable.reduce((n, c) => n + fraction(c)! * c.weight, 0);
      const possible = applicable.reduce((n, c) => n + c.weight, 0);
      expect(a.scorecard.earned).toBeCloseTo(earned, 2);
      expect(a.scorecard.possible).toBeCloseTo(possible, 2);
      const failed = criteria.some((c) => c.autoFail && c.answer === 'no');
      expect(a.scorecard.autoFailed).toBe(failed);
      expect(a.scorecard.scorePct).toBeCloseTo(failed ? 0 : (earned / possible) * 100, 1);
      for (const c of criteria) expect(c.score).toBe(fraction(c) === null ? null : Math.round(fraction(c)! * c.weight * 100) / 100);
    }
    expect(openai.violations).toEqual([]);
  });

  it('the disclosure rule auto-fails the call that never says it is recorded', async () => {
    const id = calls.ids.find((x) => x.includes('no-disclosure'))!;
    const recordingId = await transcribed(id);
    const { row } = await analyze(recordingId);
    expect(row.body.scorecard.criteria.find((c) => c.id === 'recording_disclosure')?.answer).toBe('no');
    expect(row.body.scorecard).toMatchObject({ autoFailed: true, autoFailedBy: ['recording_disclosure'], scorePct: 0 });
  });

  it('fabricated quotes are dropped and flagged', async () => {
    openai.setAnalyze((req) => {
      const out = defaultAnalyze(req) as { criteria: Record<string, { evidence: { quote: string; speaker: string; start: number; end: number }[] }> };
      out.criteria.empathy!.evidence.push({ quote: 'I completely understand how upsetting this must be', speaker: 'agent', start: 3, end: 5 });
      return out;
    });
    // Another model: the same transcript was analysed above, and a cache hit would ask nobody.
    h.settings.analysisModel = 'gpt-4o';
    try {
      const recordingId = await transcribed(calls.ids[1]!);
      const { row } = await analyze(recordingId);
      const empathy = row.body.scorecard.criteria.find((c) => c.id === 'empathy')!;
      expect(empathy.evidence.map((e) => e.quote)).not.toContain('I completely understand how upsetting this must be');
      expect(row.body.flags).toContainEqual({ kind: 'fabricated_quote', message: expect.stringContaining('I completely understand') });
    } finally {
      openai.setAnalyze(defaultAnalyze);
      h.settings.analysisModel = 'gpt-4.1-mini';
    }
  });

  it('a re-run with nothing changed is a cache hit: no HTTP request', async () => {
    const recordingId = await transcribed(calls.ids[2]!);
    const first = await analyze(recordingId);
    const before = openai.requests.length;
    const again = await analyze(recordingId);
    expect(again.cached).toBe(true);
    expect(again.row.id).toBe(first.row.id);
    expect(openai.requests.length).toBe(before);
  });

  it('a rubric change re-runs the analysis only (no new transcription)', async () => {
    const recordingId = await transcribed(calls.ids[3]!);
    const first = await analyze(recordingId);
    const def = h.services.rubrics.resolve();
    const stt = eleven.requests.length;
    const responses = openai.calls['POST /v1/responses'] ?? 0;
    const edited = h.services.rubrics.save({ name: def.name, description: def.description, criteria: def.criteria.map((c) => (c.id === 'empathy' ? { ...c, weight: 20 } : c)) });
    expect(edited.version).toBe(def.version + 1);
    const second = await analyze(recordingId);
    expect(second.cached).toBe(false);
    expect(second.row.rubricVersion).toBe(edited.version);
    expect(second.row.id).not.toBe(first.row.id);
    expect(openai.calls['POST /v1/responses']).toBe(responses + 1);
    expect(eleven.requests.length).toBe(stt);
    expect(h.services.analysis.latest(recordingId).id).toBe(second.row.id);
  });

  it('a transcript longer than the model budget goes in parts plus a merge, never truncated', async () => {
    const recordingId = await transcribed(calls.ids[0]!);
    const t = h.services.transcription.get(recordingId).body;
    h.settings.analysisModel = 'local-small-model';
    const analyzer = (h.services.analysis as unknown as { env: { analyzer?: { maxTranscriptTokens?: number } } }).env;
    analyzer.analyzer = { maxTranscriptTokens: 60 };
    try {
      sent.length = 0;
      const { row } = await analyze(recordingId);
      const requests = sent.filter((b) => b.includes('"text":{"format"'));
      expect(requests.length).toBeGreaterThan(2);
      for (const s of t.segments) expect(requests.some((b) => b.includes(JSON.stringify(s.text).slice(1, -1)))).toBe(true);
      expect(row.body.flags.some((f) => f.kind === 'chunked')).toBe(true);
      expect(row.model).toBe('local-small-model');
      expect(row.costUsd).toBeNull(); // unknown model: cost unknown, not free
    } finally {
      analyzer.analyzer = undefined;
      h.settings.analysisModel = 'gpt-4.1-mini';
    }
  });

  it('refusal and truncated output fail with a clear reason; the transcript is kept', async () => {
    const recordingId = await transcribed(calls.ids[0]!);
    h.settings.analysisModel = 'gpt-4o-mini';
    try {
      rewrite = (b) => ({ ...b, output: [{ type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'refusal', refusal: 'I cannot help with that.' }] }] });
      const refusal = await h.services.analysis.analyze(recordingId).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).message).toMatch(/refused: I cannot help with that/);
      expect(classify(refusal, 30).kind).toBe('permanent');
      rewrite = (b) => ({ ...b, status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
      const cut = await h.services.analysis.analyze(recordingId).catch((e: unknown) => e);
      expect((cut as AppError).message).toMatch(/cut off .*max_output_tokens/);
      expect(h.services.transcription.get(recordingId).body.segments.length).toBeGreaterThan(0);
    } finally {
      rewrite = null;
      h.settings.analysisModel = 'gpt-4.1-mini';
    }
  });

  it('a malformed answer is retried once, then fails with category provider', async () => {
    const recordingId = await transcribed(calls.ids[1]!);
    h.settings.analysisModel = 'gpt-4.1';
    try {
      await openai.setFaults({ sequence: ['malformed'], endpoints: ['POST /v1/responses'] });
      expect((await h.services.analysis.analyze(recordingId)).kind).toBe('done');
      await openai.setFaults({ sequence: ['schema_violation', 'malformed'] });
      const e = await h.services.analysis.analyze(recordingId).catch((x: unknown) => x);
      expect(e).toMatchObject({ category: 'provider', details: { reason: 'malformed_response' } });
    } finally {
      await openai.setFaults({ sequence: [], endpoints: [] });
      h.settings.analysisModel = 'gpt-4.1-mini';
    }
  });
});
