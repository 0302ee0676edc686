import { describe, expect, it } from 'vitest';
import { finalScore } from '../../../main/exports/final-score.js';
import type { Scorecard } from '../../../preload/contract/schemas/analysis.js';

const c = (id: string, type: 'yes_no' | 'scale_1_5', answer: string, weight: number, autoFail = false) =>
  ({ id, section: 's', question: id, type, answer, score: null, weight, autoFail, source: 'ai', rationale: '', evidence: [] }) as Scorecard['criteria'][number];
const sc = { rubricId: 1, rubricName: 'r', rubricVersion: 1, earned: 0, possible: 0, scorePct: 0, autoFailed: false, autoFailedBy: [],
  criteria: [c('a', 'yes_no', 'yes', 10), c('b', 'yes_no', 'no', 10, true), c('c', 'scale_1_5', '3', 20), c('d', 'yes_no', 'n/a', 10)] } satisfies Scorecard;

describe('final score after overrides', () => {
  it('auto-fail criterion answered no → 0', () => expect(finalScore(sc, new Map()).scorePct).toBe(0));
  it('override lifts the auto-fail and recomputes (N/A left out)', () => {
    const f = finalScore(sc, new Map([['b', 'yes']]));
    expect(f.autoFailed).toBe(false);
    expect(f.scorePct).toBe(75); // (10 + 10 + 0.5×20) / 40
  });
});
