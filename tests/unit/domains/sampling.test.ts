import { describe, expect, it } from 'vitest';
import { allocate, drawSample, scoreBandOf, shareAmong, type Candidate } from '../../../main/domains/assignments/sampling.js';

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) out.set(key(x), [...(out.get(key(x)) ?? []), x]);
  return out;
}

const population = (n: number): Candidate[] => Array.from({ length: n }, (_, i) => ({
  recordingId: i + 1, agent: `agent ${i % 4}`, queue: ['billing', 'sales', 'support'][i % 3]!, outcome: i % 5 === 0 ? 'escalated' : 'resolved', scorePct: (i * 7) % 101,
}));

describe('allocate (largest remainder)', () => {
  it('shares n in proportion, the leftovers to the largest remainders', () => {
    // 7 × 50/100 = 3.5, 7 × 30/100 = 2.1, 7 × 20/100 = 1.4 → 3 + 2 + 1, one more to the .5.
    expect(Object.fromEntries(allocate(new Map([['a', 50], ['b', 30], ['c', 20]]), 7))).toEqual({ a: 4, b: 2, c: 1 });
    // Equal remainders (.5 and .5): the larger stratum first, then the name.
    expect(Object.fromEntries(allocate(new Map([['x', 10], ['y', 10], ['z', 20]]), 2))).toEqual({ x: 1, y: 0, z: 1 });
    expect(Object.fromEntries(allocate(new Map([['x', 10], ['y', 30]]), 2))).toEqual({ x: 0, y: 2 });
    expect(Object.fromEntries(allocate(new Map([['x', 1], ['y', 1]]), 1))).toEqual({ x: 1, y: 0 });
  });

  it('always gives exactly n (or everything when there is less), never more than a stratum has', () => {
    for (let n = 0; n <= 40; n++) {
      const sizes = new Map([['a', 13], ['b', 1], ['c', 7], ['d', 0], ['e', 9]]);
      const out = allocate(sizes, n);
      expect([...out.values()].reduce((a, b) => a + b, 0)).toBe(Math.min(n, 30));
      for (const [k, v] of out) expect(v).toBeLessThanOrEqual(sizes.get(k)!);
    }
  });
});

describe('drawSample', () => {
  const rule = { perAgent: 5, stratifyBy: 'queue' as const, seed: 'week 49' };

  it('takes N per agent, mirroring each agent\'s mix of strata', () => {
    const { picks, shortfalls } = drawSample(population(120), rule);
    expect(shortfalls).toEqual([]);
    const perAgent = groupBy(picks, (p) => p.agent);
    expect([...perAgent.keys()].sort()).toEqual(['agent 0', 'agent 1', 'agent 2', 'agent 3']);
    for (const ps of perAgent.values()) {
      expect(ps).toHaveLength(5);
      // Each agent has 10 calls in each of the 3 queues: 5 → 2 + 2 + 1 (ties to the name).
      expect([...groupBy(ps, (p) => p.stratum).values()].map((g) => g.length).sort()).toEqual([1, 2, 2]);
    }
  });

  it('is reproducible for a seed, whatever order the population comes in; another seed draws others', () => {
    const a = drawSample(population(120), rule);
    const b = drawSample([...population(120)].reverse(), rule);
    expect(b).toEqual(a);
    const c = drawSample(population(120), { ...rule, seed: 'week 50' });
    expect(c.picks.map((p) => p.recordingId)).not.toEqual(a.picks.map((p) => p.recordingId));
  });

  it('gives all of an agent\'s calls when there are fewer than N, and says so', () => {
    const few: Candidate[] = [{ recordingId: 9, agent: 'Dana', queue: null, outcome: null, scorePct: null }];
    expect(drawSample(few, { perAgent: 3, stratifyBy: 'scoreBand', seed: 's' })).toEqual({
      picks: [{ recordingId: 9, agent: 'Dana', stratum: 'score: unscored' }],
      shortfalls: [{ agent: 'Dana', wanted: 3, available: 1 }],
    });
  });

  it('names score bands', () => {
    expect([null, 0, 59.9, 60, 79.9, 80, 100].map((x) => scoreBandOf(x))).toEqual(['unscored', 'below 60', 'below 60', '60–79', '60–79', '80–100', '80–100']);
  });
});

describe('shareAmong', () => {
  it('deals picks round-robin, the least loaded reviewer first, so loads differ by at most one', () => {
    const shared = shareAmong([1, 2, 3, 4, 5, 6, 7].map((id) => ({ id })), [{ id: 10, open: 4 }, { id: 11, open: 0 }, { id: 12, open: 2 }]);
    expect(shared.map((s) => s.reviewerId)).toEqual([11, 12, 10, 11, 12, 10, 11]);
  });
});
