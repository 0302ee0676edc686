import { describe, expect, it } from 'vitest';
import { callSentiment, labelOf, normalizeScore, scoreText } from '../../../main/analytics/sentiment.js';
import { generateCalls } from '../../helpers/fixtures.js';
import { scriptToTranscript, truthToTranscript } from '../../helpers/truth-transcript.js';

describe('sentiment', () => {
  it('scores segments in -1..1 with labels', () => {
    expect(scoreText('This is great, thank you so much!').score).toBeGreaterThan(0.3);
    expect(scoreText('This is unacceptable, I want to make a complaint.').score).toBeLessThan(-0.3);
    expect(scoreText('My account number is four four seven one two.').score).toBe(0);
    expect(scoreText('This is not good').score).toBeLessThan(0);
    for (const raw of [-100, -3, 0, 3, 100]) {
      expect(Math.abs(normalizeScore(raw))).toBeLessThan(1);
    }
    expect(labelOf(0.05)).toBe('neutral');
    expect(labelOf(0.5)).toBe('positive');
    expect(labelOf(-0.5)).toBe('negative');
  });

  it('matches the fixtures\u2019 expected customer sentiment at the end of the call', () => {
    const calls = generateCalls();
    for (const id of calls.ids) {
      const expected = calls.truth(id).expect.customer_sentiment_end;
      if (typeof expected !== 'string') continue;
      const s = callSentiment(truthToTranscript(calls.truth(id)));
      expect(s.customerEnd?.label, id).toBe(expected);
    }
  });

  it('reports a start and an end, and how the customer moved', () => {
    const calls = generateCalls();
    const s = callSentiment(truthToTranscript(calls.truth('billing-refund-good')));
    expect(s.segments).toHaveLength(9);
    expect(s.customerStart!.label).toBe('negative');
    expect(s.customerEnd!.label).toBe('positive');
    expect(s.segments[1]!.negative).toContain('annoyed');
  });

  it('handles missing roles and customers', () => {
    const unknown = scriptToTranscript([['customer', 'I hate this'], ['customer', 'thanks, great']]);
    const u = callSentiment({ ...unknown, segments: unknown.segments.map((x) => ({ ...x, role: 'unknown' as const })) });
    expect(u.customerStart!.label).toBe('negative');
    expect(u.customerEnd!.label).toBe('positive');
    const agentOnly = callSentiment(scriptToTranscript([['agent', 'hello']]));
    expect(agentOnly.customerStart).toBeNull();
  });
});
