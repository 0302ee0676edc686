import { describe, expect, it } from 'vitest';
import { conversationMetrics } from '../../../main/analytics/conversation-metrics.js';
import type { NormalizedTranscript, TranscriptSegment } from '../../../preload/contract/schemas/transcript.js';
import { generateCalls } from '../../helpers/fixtures.js';
import { truthToTranscript } from '../../helpers/truth-transcript.js';

/** A segment whose words are given as [text, start, end]. */
function seg(role: 'agent' | 'customer', words: [string, number, number][]): TranscriptSegment {
  const speaker = role === 'agent' ? 'spk_a' : 'spk_c';
  return {
    speaker,
    role,
    start: words[0]![1],
    end: words[words.length - 1]![2],
    text: words.map((w) => w[0]).join(' '),
    words: words.map(([text, start, end]) => ({ text, start, end, confidence: 1, speaker })),
  };
}

// Agent 0-4; customer backchannel 2.5-3 (interrupts agent, 0.5 s); customer 5-8; agent "sorry" 7-7.5
// (interrupts customer, 0.5 s); agent 9-12; customer 11.95-13 (0.05 s overlap: jitter, not an
// interruption); 4 s of dead air; customer 17-18.
const handBuilt: NormalizedTranscript = {
  language: 'en',
  durationSec: 18,
  speakers: [],
  segments: [
    seg('agent', [['Hello', 0, 1], ['how', 1, 2], ['can', 2, 3], ['I help?', 3, 4]]),
    seg('customer', [['mm', 2.5, 3]]),
    seg('customer', [['my', 5, 6], ['bill', 6, 7], ['is wrong', 7, 8]]),
    seg('agent', [['sorry', 7, 7.5]]),
    seg('agent', [['let', 9, 10], ['me', 10, 11], ['check. Anything else?', 11, 12]]),
    seg('customer', [['no', 11.95, 13]]),
    seg('customer', [['bye', 17, 18]]),
  ],
};

describe('conversationMetrics', () => {
  const m = conversationMetrics(handBuilt);

  it('counts who interrupted whom, exactly', () => {
    expect(m.interruptions.count).toBe(2);
    expect(m.interruptions.byPair).toEqual({
      'customer>agent': { count: 1, seconds: 0.5 },
      'agent>customer': { count: 1, seconds: 0.5 },
    });
    expect(m.interruptions.list.map((i) => [i.by, i.of, i.at])).toEqual([
      ['customer', 'agent', 2.5],
      ['agent', 'customer', 7],
    ]);
    expect(m.overtalk.count).toBe(3);
    expect(m.overtalk.totalSec).toBeCloseTo(1.05, 9);
  });

  it('counts jitter-sized overlaps when asked to', () => {
    expect(conversationMetrics(handBuilt, { minOverlapSec: 0 }).interruptions.byPair['customer>agent']!.count).toBe(2);
  });

  it('measures talk time, ratio and words per minute per role', () => {
    expect(m.partyKind).toBe('role');
    expect(m.talk.agentSec).toBeCloseTo(7.5, 9);
    expect(m.talk.customerSec).toBeCloseTo(5.55, 9);
    expect(m.talkRatio).toBeCloseTo(7.5 / 13.05, 9);
    const agent = m.parties.find((p) => p.party === 'agent')!;
    expect(agent.words).toBe(8);
    expect(agent.wordsPerMinute).toBeCloseTo((8 / 7.5) * 60, 9);
  });

  it('measures response latency between turns, ignoring backchannels', () => {
    // Turns: agent 0-4, customer 5-8, agent 9-12, customer 11.95-13 (then 17-18 after dead air).
    expect(m.responseLatency.count).toBe(3);
    expect(m.responseLatency.meanSec).toBeCloseTo(2 / 3, 9);
    expect(m.responseLatency.medianSec).toBe(1);
    expect(m.responseLatency.maxSec).toBe(1);
    expect(m.responseLatency.byResponder.customer).toMatchObject({ count: 2, maxSec: 1 });
  });

  it('finds the longest monologue, agent questions and dead air', () => {
    expect(m.longestMonologue).toEqual({ party: 'agent', start: 0, end: 4, durationSec: 4 });
    expect(m.agentQuestions).toBe(2);
    expect(m.deadAir.count).toBe(1);
    expect(m.deadAir.gaps).toEqual([{ start: 13, end: 17 }]);
    expect(m.deadAir.longestSec).toBe(4);
  });

  it('reports by speaker with totals only when roles are unknown', () => {
    const unknown = {
      ...handBuilt,
      segments: handBuilt.segments.map((s) => ({ ...s, role: 'unknown' as const })),
    };
    const u = conversationMetrics(unknown);
    expect(u.partyKind).toBe('speaker');
    expect(u.talk.agentSec).toBeNull();
    expect(u.talkRatio).toBeNull();
    expect(u.talk.totalSec).toBeCloseTo(13.05, 9);
    expect(u.interruptions.byPair['spk_c>spk_a']!.count).toBe(1);
    expect(u.agentQuestions).toBeNull();
  });

  it('matches the truth talk time per party on every fixture call', () => {
    const calls = generateCalls();
    for (const id of calls.ids) {
      const truth = calls.truth(id);
      const mm = conversationMetrics(truthToTranscript(truth));
      const sum = (who: string) => truth.turns.filter((x) => x.speaker === who).reduce((a, x) => a + x.end - x.start, 0);
      expect(mm.talk.agentSec).toBeCloseTo(sum('agent'), 6);
      expect(mm.talk.customerSec).toBeCloseTo(sum('customer'), 6);
      expect(mm.interruptions.count).toBe(0);
    }
  });

  it('handles an hour of words quickly', () => {
    const segments: TranscriptSegment[] = [];
    for (let i = 0; i < 3600 / 4; i++) {
      const t0 = i * 4;
      segments.push(seg(i % 2 ? 'customer' : 'agent', Array.from({ length: 8 }, (_, k) => [`w${k}`, t0 + k * 0.4, t0 + k * 0.4 + 0.35] as [string, number, number])));
    }
    const t1 = performance.now();
    const r = conversationMetrics({ language: 'en', durationSec: 3600, speakers: [], segments });
    expect(performance.now() - t1).toBeLessThan(1500);
    expect(r.responseLatency.count).toBe(segments.length - 1);
  });
});
