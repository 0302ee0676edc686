import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingLocalChecks, RecordingPii } from '../../preload/contract/schemas/local-analytics.js';
import type { TranscriptView } from '../../preload/contract/operations/transcripts.js';
import { decodePcm } from '../../main/audio/pcm.js';
import { generateCalls, type GeneratedCalls } from '../helpers/fixtures.js';
import { truthToTranscript } from '../helpers/truth-transcript.js';
import { startLocalHarness, toSrt, type LocalHarness } from './local-analytics-harness.js';

// PII found, stored and redacted (transcript text via ?redact=true, audio via a silenced copy), no false
// positives on account/reference numbers, and rule results stored for the scorecard. All offline.

let calls: GeneratedCalls;
let h: LocalHarness;
const rid = new Map<string, number>();
beforeAll(async () => {
  calls = generateCalls();
  h = await startLocalHarness();
  const batch = await h.importFiles(calls.ids.flatMap((id) => [
    { from: calls.file(id, 'wav'), name: `${id}.wav` },
    { name: `${id}.srt`, content: toSrt(truthToTranscript(calls.truth(id))) },
  ]));
  for (const id of calls.ids) {
    const r = batch.results.find((x) => x.fileName === `${id}.wav`)!;
    rid.set(id, r.recordingId!);
    await h.waitForSteps(r.recordingId!, { local_analysis: 'done', metrics: 'done' });
  }
}, 120_000);
afterAll(async () => h?.close());

const get = async <T>(path: string) => {
  const r = await h.api<T>('GET', path);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.value!;
};

describe('PII in card-payment-pii', () => {
  it('finds the card, CVV and date of birth with exact character spans and time spans', async () => {
    const id = rid.get('card-payment-pii')!;
    const pii = await get<RecordingPii>(`/api/v1/recordings/${id}/pii`);
    expect(pii.status).toBe('ready');
    const byCat = new Map(pii.findings.map((f) => [f.category, f]));
    expect([...byCat.keys()]).toEqual(expect.arrayContaining(['card_number', 'cvv', 'date_of_birth']));
    expect(byCat.get('card_number')!.text).toMatch(/^four five five six.*nine eight five five$/i);
    expect(byCat.get('cvv')!.text).toBe('one two three');
    expect(byCat.get('date_of_birth')!.text).toMatch(/twelfth of march nineteen eighty five/i);
    const t = (await get<TranscriptView>(`/api/v1/recordings/${id}/transcript`)).transcript;
    for (const f of pii.findings) {
      const seg = t.segments[f.segmentIndex]!;
      expect(seg.text.slice(f.charStart, f.charEnd)).toBe(f.text);
      expect(f.start).toBeGreaterThanOrEqual(seg.start - 0.01);
      expect(f.end).toBeLessThanOrEqual(seg.end + 0.01);
      expect(f.end).toBeGreaterThan(f.start);
    }
  });

  it('GET transcript?redact=true masks them in text and words; without it the words are there', async () => {
    const id = rid.get('card-payment-pii')!;
    const plain = (await get<TranscriptView>(`/api/v1/recordings/${id}/transcript`)).transcript;
    const red = (await get<TranscriptView>(`/api/v1/recordings/${id}/transcript?redact=true`)).transcript;
    const text = (t: typeof plain) => t.segments.map((s) => s.text).join('\n');
    const words = (t: typeof plain) => t.segments.flatMap((s) => s.words.map((w) => w.text)).join(' ');
    expect(text(plain)).toMatch(/four five five six/i);
    for (const secret of [/four five five six/i, /seven three seven five/i, /one two three/i, /twelfth of march/i]) {
      expect(text(red)).not.toMatch(secret);
      expect(words(red)).not.toMatch(secret);
    }
    expect(text(red)).toContain('[CARD]');
    expect(text(red)).toContain('[CVV]');
    expect(text(red)).toContain('[DOB]');
    // Non-PII text is untouched.
    expect(red.segments.length).toBe(plain.segments.length);
    expect(red.segments[0]!.text).toBe(plain.segments[0]!.text);
  });

  it('the redactCategories setting decides what is masked', async () => {
    const id = rid.get('card-payment-pii')!;
    const before = h.core.config.settings.redactCategories;
    h.core.config.settings.redactCategories = ['cvv'];
    try {
      const red = (await get<TranscriptView>(`/api/v1/recordings/${id}/transcript?redact=true`)).transcript;
      const text = red.segments.map((s) => s.text).join('\n');
      expect(text).toContain('[CVV]');
      expect(text).toMatch(/four five five six/i);
    } finally {
      h.core.config.settings.redactCategories = before;
    }
  });

  it('a redacted copy of the audio is silent in every PII span and unchanged elsewhere', async () => {
    const id = rid.get('card-payment-pii')!;
    const service = h.core.services.localAnalytics;
    const { silenceSpans } = service.redacted(id);
    expect(silenceSpans.length).toBeGreaterThanOrEqual(2);
    const out = join(h.dataDir, 'redacted.wav');
    await service.writeRedactedAudio(id, out);
    const original = h.core.db.sqlite.prepare('SELECT audio_path AS p FROM recordings WHERE id = ?').get(id) as { p: string };
    const a = await rmsBySpan(original.p, silenceSpans);
    const b = await rmsBySpan(out, silenceSpans);
    for (let i = 0; i < silenceSpans.length; i++) {
      expect(a.inside[i]!, `original span ${i} has speech`).toBeGreaterThan(0.01);
      expect(b.inside[i]!, `redacted span ${i} is silent`).toBeLessThan(1e-4);
    }
    expect(Math.abs(b.outside - a.outside) / a.outside).toBeLessThan(0.01);
  }, 60_000);
});

/** RMS (0..1, all channels) inside each span and over everything outside the spans. */
async function rmsBySpan(path: string, spans: { start: number; end: number }[]) {
  const rate = 16000;
  const acc = spans.map(() => ({ sum: 0, n: 0 }));
  const out = { sum: 0, n: 0 };
  for await (const chunk of decodePcm(path, { format: 's16le', sampleRate: rate, channels: 2 })) {
    for (let f = 0; f < chunk.frames; f++) {
      const t = (chunk.startFrame + f) / rate;
      // Skip the 20 ms at each span edge (sample-accurate filter, frame-rounded times).
      const k = spans.findIndex((s) => t >= s.start + 0.02 && t <= s.end - 0.02);
      const edge = k < 0 && spans.some((s) => t > s.start - 0.02 && t < s.end + 0.02);
      if (edge) continue;
      const target = k >= 0 ? acc[k]! : out;
      for (let c = 0; c < 2; c++) {
        const x = chunk.samples[f * 2 + c]! / 32768;
        target.sum += x * x;
        target.n++;
      }
    }
  }
  return { inside: acc.map((x) => Math.sqrt(x.sum / Math.max(1, x.n))), outside: Math.sqrt(out.sum / Math.max(1, out.n)) };
}

describe('no false positives', () => {
  it('account numbers, postcodes fragments and payment references in the other calls are not PII findings', async () => {
    for (const id of ['billing-refund-good', 'outage-no-disclosure', 'cancel-retention']) {
      const pii = await get<RecordingPii>(`/api/v1/recordings/${rid.get(id)!}/pii`);
      const sensitive = pii.findings.filter((f) => ['card_number', 'cvv', 'bank_account', 'sort_code', 'national_id', 'pin', 'phone'].includes(f.category));
      expect(sensitive, `${id}: ${JSON.stringify(sensitive)}`).toEqual([]);
      expect(pii.findings.map((f) => f.text).join(' ')).not.toMatch(/four four seven one two/i);
    }
    // The payment reference after the card in card-payment-pii is not a finding either.
    const card = await get<RecordingPii>(`/api/v1/recordings/${rid.get('card-payment-pii')!}/pii`);
    expect(card.findings.map((f) => f.text).join(' ')).not.toMatch(/P Q seven seven/i);
  });
});

describe('rule results (stored, marked "rule", with evidence)', () => {
  it('recording disclosure present in billing-refund-good and absent in outage-no-disclosure', async () => {
    const good = await get<RecordingLocalChecks>(`/api/v1/recordings/${rid.get('billing-refund-good')!}/checks`);
    const bad = await get<RecordingLocalChecks>(`/api/v1/recordings/${rid.get('outage-no-disclosure')!}/checks`);
    const disclosure = (c: RecordingLocalChecks) => c.rules.find((r) => r.criterionId === 'recording_disclosure')!;
    expect(disclosure(good)).toMatchObject({ answer: 'yes', passed: true, source: 'rule' });
    expect(disclosure(good).evidence[0]!.start).toBeLessThan(30);
    expect(disclosure(bad)).toMatchObject({ answer: 'no', passed: false, source: 'rule' });
    expect(good.sentiment!.segments.length).toBeGreaterThan(0);
    // Straight from the table too: what the scorecard and the calls list read.
    const row = h.core.db.sqlite.prepare(`SELECT passed FROM rule_results WHERE recording_id = ? AND criterion_id = 'recording_disclosure'`);
    expect(row.get(rid.get('billing-refund-good')!)).toEqual({ passed: 1 });
    expect(row.get(rid.get('outage-no-disclosure')!)).toEqual({ passed: 0 });
  });
});
