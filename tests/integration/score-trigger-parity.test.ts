import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalScoreOf } from '../../main/domains/reviews/final-score.js';
import type { CriterionAnswer, Scorecard, ScorecardCriterion } from '../../preload/contract/schemas/analysis.js';
import { generateCalls } from '../helpers/fixtures.js';
import { insertFixtureCall } from '../unit/exports/helpers/fixture-calls.js';
import { tempCore } from '../unit/exports/helpers/temp-core.js';

/**
 * Issue 12 item 2: the final score has one function (main/analysis/scoring.ts, through
 * finalScoreOf), and the `review_score_au` trigger that keeps call_summary current for the Calls
 * list, dashboard and exports must agree with it exactly. 300 generated scorecards (seeded: weights
 * 1–10, yes/no and 1–5 criteria, n/a answers, auto-fail criteria, reviewer overrides including
 * overrides to n/a) go through both, on a real database.
 */
let t: Awaited<ReturnType<typeof tempCore>>;
beforeAll(async () => {
  t = await tempCore();
});
afterAll(async () => {
  await t.close();
});

/** mulberry32: a small seeded PRNG, so a failure names a reproducible case. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(rand: () => number): { criteria: ScorecardCriterion[]; overrides: { criterionId: string; answer: CriterionAnswer }[] } {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const answerFor = (type: ScorecardCriterion['type']): CriterionAnswer =>
    rand() < 0.12 ? 'n/a' : type === 'yes_no' ? pick(['yes', 'no'] as const) : pick(['1', '2', '3', '4', '5'] as const);
  const n = 1 + Math.floor(rand() * 9);
  const criteria = Array.from({ length: n }, (_, i): ScorecardCriterion => {
    const type = rand() < 0.6 ? 'yes_no' : 'scale_1_5';
    return { id: `c${i}`, section: 's', question: `q${i}`, type, answer: answerFor(type), score: null, weight: 1 + Math.floor(rand() * 10), autoFail: rand() < 0.15, source: 'ai', rationale: '', evidence: [] };
  });
  const overrides = criteria.filter(() => rand() < 0.3).map((c) => ({ criterionId: c.id, answer: rand() < 0.15 ? 'n/a' as const : answerFor(c.type) }));
  return { criteria, overrides };
}

describe('final score: the function and the trigger agree', () => {
  it('300 generated scorecards with overrides give identical score_pct and auto_failed', () => {
    const db = t.core.db;
    const calls = generateCalls();
    const base = insertFixtureCall(db, calls.truth(calls.ids[0]!));
    const rand = prng(20261203);
    const mismatches: string[] = [];
    let overriddenCalls = 0;
    for (let i = 0; i < 300; i++) {
      const { criteria, overrides } = generate(rand);
      const fx = insertFixtureCall(db, { ...base.truth, id: `${base.truth.id}-${i}` });
      const scorecard: Scorecard = { ...fx.analysis.scorecard, criteria };
      const want = finalScoreOf(scorecard, overrides);
      db.sqlite.transaction(() => {
        for (const o of overrides) {
          db.sqlite.prepare("INSERT INTO review_overrides(recording_id, criterion_id, answer, comment, ai_answer, actor) VALUES (?, ?, ?, '', NULL, 'test')").run(fx.id, o.criterionId, o.answer);
        }
        // The analysis body changes (a re-analysis): analyses_summary_au copies its score to
        // call_summary, and review_score_au then recomputes it with the overrides.
        db.sqlite.prepare("UPDATE analyses SET body = json_set(body, '$.scorecard', json(?)) WHERE recording_id = ?").run(JSON.stringify(scorecard), fx.id);
      })();
      if (overrides.length) overriddenCalls++;
      const got = db.sqlite.prepare('SELECT score_pct AS scorePct, auto_failed AS autoFailed FROM call_summary WHERE recording_id = ?').get(fx.id) as { scorePct: number | null; autoFailed: number };
      if (overrides.length && (got.scorePct !== want.scorePct || !!got.autoFailed !== want.autoFailed)) {
        mismatches.push(`#${i}: trigger ${got.scorePct}/${got.autoFailed} vs function ${want.scorePct}/${want.autoFailed} ${JSON.stringify({ criteria: criteria.map((c) => [c.type, c.answer, c.weight, c.autoFail]), overrides })}`);
      }
    }
    console.log(`score parity: ${overriddenCalls} of 300 scorecards had overrides; ${mismatches.length} mismatches`);
    expect(overriddenCalls).toBeGreaterThan(150);
    expect(mismatches.slice(0, 5)).toEqual([]);
  }, 120_000);
});
