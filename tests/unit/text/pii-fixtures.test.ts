import { describe, expect, it } from 'vitest';
import { detectPii } from '../../../main/text/pii/index.js';
import { generateCalls } from '../../helpers/fixtures.js';
import { truthToTranscript } from '../../helpers/truth-transcript.js';

const calls = generateCalls();
const transcript = (id: string) => truthToTranscript(calls.truth(id));

describe('PII on the fixture calls', () => {
  it('finds the card number, CVV and date of birth in card-payment-pii with exact spans and times', () => {
    const t = transcript('card-payment-pii');
    const found = detectPii(t);
    const byCat = Object.fromEntries(found.map((f) => [f.category, f]));
    expect(found.map((f) => f.category).sort()).toEqual(['card_number', 'cvv', 'date_of_birth']);

    const dob = byCat.date_of_birth!;
    expect(dob.segmentIndex).toBe(3);
    expect(dob.text).toBe('twelfth of March nineteen eighty five');
    expect(t.segments[3]!.text.slice(dob.charStart, dob.charEnd)).toBe(dob.text);

    const card = byCat.card_number!;
    expect(card.segmentIndex).toBe(5);
    expect(card.text).toBe('Four five five six, seven three seven five, eight six eight nine, nine eight five five');
    expect(card.charStart).toBe(0);
    // Times come from the words: the card starts with the turn and ends before the security code.
    expect(card.start).toBeCloseTo(t.segments[5]!.start, 6);
    expect(card.end).toBeLessThan(byCat.cvv!.start);

    const cvv = byCat.cvv!;
    expect(cvv.segmentIndex).toBe(5);
    expect(cvv.text).toBe('one two three');
    expect(cvv.end).toBeCloseTo(t.segments[5]!.end, 6);
  });

  it('finds nothing in billing-refund-good and outage-no-disclosure (account number, postcode district, money, dates)', () => {
    expect(detectPii(transcript('billing-refund-good'))).toEqual([]);
    expect(detectPii(transcript('outage-no-disclosure'))).toEqual([]);
  });

  it('finds only the street address the customer gives for verification in cancel-retention', () => {
    // "Twelve Baker Street" is a real first line of an address (true positive, not a false alarm).
    const found = detectPii(transcript('cancel-retention'));
    expect(found.map((f) => [f.category, f.text])).toEqual([['address', 'Twelve Baker Street']]);
  });

  it('never calls a money amount, reference or account number in the fixtures a card', () => {
    for (const id of calls.ids.filter((i) => i !== 'card-payment-pii')) {
      expect(detectPii(transcript(id)).filter((f) => f.category === 'card_number' || f.category === 'cvv')).toEqual([]);
    }
  });

  it('scales to an hour-long transcript', () => {
    const base = transcript('card-payment-pii');
    const segments = Array.from({ length: 100 }, (_, k) =>
      base.segments.map((s) => ({
        ...s,
        start: s.start + k * 45,
        end: s.end + k * 45,
        words: s.words.map((w) => ({ ...w, start: w.start + k * 45, end: w.end + k * 45 })),
      })),
    ).flat();
    const t0 = performance.now();
    const found = detectPii({ ...base, segments });
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(found.filter((f) => f.category === 'card_number')).toHaveLength(100);
  });
});
