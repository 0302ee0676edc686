import { describe, expect, it } from 'vitest';
import { detectPii } from '../../../main/text/pii/index.js';
import { mergeSpans, redactTranscript } from '../../../main/text/redact.js';
import { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import { generateCalls } from '../../helpers/fixtures.js';
import { scriptToTranscript, truthToTranscript } from '../../helpers/truth-transcript.js';

describe('redactTranscript', () => {
  const t = truthToTranscript(generateCalls().truth('card-payment-pii'));
  const findings = detectPii(t);

  it('masks text and words per category and returns a valid transcript', () => {
    const { transcript, applied } = redactTranscript(t, findings);
    expect(applied).toHaveLength(3);
    expect(NormalizedTranscript.safeParse(transcript).success).toBe(true);
    expect(transcript.segments[3]!.text).toBe('Maria Lopez, [DOB].');
    expect(transcript.segments[5]!.text).toBe('[CARD]. The security code is [CVV].');
    expect(transcript.segments[5]!.words.map((w) => w.text)).toEqual(['[CARD].', 'The', 'security', 'code', 'is', '[CVV].']);
    // Words joined back give the text: nothing of the card survives in either place.
    expect(transcript.segments[3]!.words.map((w) => w.text).join(' ')).toBe('Maria Lopez, [DOB].');
    expect(JSON.stringify(transcript)).not.toMatch(/four five five six|nineteen eighty five|one two three/i);
    // The input is untouched.
    expect(t.segments[5]!.text).toContain('Four five five six');
  });

  it('keeps the time range of masked words', () => {
    const { transcript } = redactTranscript(t, findings);
    const card = transcript.segments[5]!.words[0]!;
    expect(card.start).toBeCloseTo(findings.find((f) => f.category === 'card_number')!.start, 6);
    expect(card.end).toBeCloseTo(findings.find((f) => f.category === 'card_number')!.end, 6);
  });

  it('is configurable per category and label', () => {
    const { transcript, silenceSpans } = redactTranscript(t, findings, {
      categories: ['card_number'],
      labels: { card_number: '****' },
      silencePadSec: 0,
    });
    expect(transcript.segments[5]!.text).toBe('****. The security code is one two three.');
    expect(transcript.segments[3]!.text).toContain('twelfth of March');
    const card = findings.find((f) => f.category === 'card_number')!;
    expect(silenceSpans).toEqual([{ start: card.start, end: card.end }]);
  });

  it('returns padded, merged silence spans covering every finding', () => {
    const { silenceSpans } = redactTranscript(t, findings, { silencePadSec: 0.5 });
    for (const f of findings) {
      expect(silenceSpans.some((s) => s.start <= f.start - 0.5 + 1e-9 && s.end >= f.end + 0.5 - 1e-9)).toBe(true);
    }
    for (let i = 1; i < silenceSpans.length; i++) expect(silenceSpans[i]!.start).toBeGreaterThan(silenceSpans[i - 1]!.end);
  });

  it('drops words it cannot place in the text when they fall inside a masked span', () => {
    const s = scriptToTranscript([['customer', 'my card is 4111 1111 1111 1111 ok']]);
    const seg = s.segments[0]!;
    // A provider that spelled the digits differently in words than in text.
    seg.words = seg.words.map((w) => (/^\d+$/.test(w.text) ? { ...w, text: 'X' + w.text } : w));
    const { transcript } = redactTranscript(s, detectPii(s));
    expect(transcript.segments[0]!.text).toBe('my card is [CARD] ok');
    expect(transcript.segments[0]!.words.map((w) => w.text)).toEqual(['my', 'card', 'is', 'ok']);
  });

  it('merges overlapping spans', () => {
    expect(mergeSpans([{ start: 3, end: 4 }, { start: 1, end: 2 }, { start: 1.5, end: 3.2 }])).toEqual([{ start: 1, end: 4 }]);
  });

  it('skips findings below minConfidence', () => {
    const { applied } = redactTranscript(t, findings, { minConfidence: 0.92 });
    expect(applied.map((f) => f.category)).toEqual(['card_number']);
  });
});
