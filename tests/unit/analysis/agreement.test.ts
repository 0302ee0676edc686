import { describe, expect, it } from 'vitest';
import {
  agreementWith,
  coincidenceMatrix,
  krippendorffAlpha,
  percentAgreement,
  type MaybeAnswer,
  type MeasurementLevel,
  type ReliabilityData,
} from '../../../main/analysis/agreement.js';
import { AppError } from '../../../main/errors.js';

/**
 * Inter-rater agreement (main/analysis/agreement.ts) against worked examples from the literature with
 * their published values, hand-computed cases, and the properties alpha must have.
 */

const _ = null;

/** The literature prints reliability data coders × units; the module takes units × coders. */
function unitsByCoder(coderRows: readonly (readonly MaybeAnswer[])[]): MaybeAnswer[][] {
  const units = Math.max(...coderRows.map((r) => r.length));
  return Array.from({ length: units }, (_u, u) => coderRows.map((r) => r[u] ?? null));
}

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example with missing data:
 * 4 coders (A–D) × 12 units, values 1–5. Published: nominal .743, ordinal .815, interval .849.
 */
const k2011 = unitsByCoder([
  /* A */ [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  /* B */ [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  /* C */ [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  /* D */ [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]);

/** Krippendorff's two-observer binary example (Content Analysis): 2 coders × 10 units. Published α = .095. */
const binary = unitsByCoder([
  /* A */ [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
  /* B */ [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
]);

/** Krippendorff (2011) nominal example without missing data: 2 observers × 12 units. Published α = .692. */
const twoObserversNominal = unitsByCoder([
  /* A */ ['a', 'a', 'b', 'b', 'd', 'c', 'c', 'c', 'e', 'd', 'd', 'a'],
  /* B */ ['b', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'e', 'd', 'd', 'd'],
]);

const levels: MeasurementLevel[] = ['nominal', 'ordinal', 'interval'];

/** A fixed permutation of indexes 0..n-1 (deterministic, so a failure reproduces). */
function permutation(n: number, seed: number): number[] {
  const idx = Array.from({ length: n }, (_v, i) => i);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx;
}

const mapValues = (data: ReliabilityData, f: (v: number) => MaybeAnswer): MaybeAnswer[][] =>
  data.map((row) => row.map((v) => (v === null || v === undefined ? v : f(v as number))));

describe('krippendorffAlpha: published worked examples', () => {
  it('Krippendorff 2011, 4 coders × 12 units with missing data: nominal α = .743', () => {
    expect(krippendorffAlpha(k2011, 'nominal')).toBeCloseTo(0.743, 3);
    // Hand-computed from the coincidence matrix: 1 − (40 − 1) · 8 / (40² − Σ n_c²) = 1 − 312 / 1216.
    expect(krippendorffAlpha(k2011, 'nominal')).toBeCloseTo(1 - 312 / 1216, 12);
  });

  it('Krippendorff 2011, same data: ordinal α = .815', () => {
    expect(krippendorffAlpha(k2011, 'ordinal')).toBeCloseTo(0.815, 3);
  });

  it('Krippendorff 2011, same data: interval α = .849', () => {
    expect(krippendorffAlpha(k2011, 'interval')).toBeCloseTo(0.849, 3);
  });

  it('Krippendorff 2011, same data: the coincidence matrix and its marginals', () => {
    const co = coincidenceMatrix(k2011);
    expect(co.values).toEqual([1, 2, 3, 4, 5]);
    expect(co.marginals).toEqual([9, 13, 10, 5, 3]);
    expect(co.total).toBe(40);
    const third = 1 / 3;
    const expected = [
      [7, 4 * third, third, third, 0],
      [4 * third, 10, 4 * third, third, 0],
      [third, 4 * third, 8, third, 0],
      [third, third, third, 4, 0],
      [0, 0, 0, 0, 3],
    ];
    co.matrix.forEach((row, i) => row.forEach((o, j) => expect(o).toBeCloseTo(expected[i]![j]!, 12)));
    co.matrix.forEach((row, i) => expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(co.marginals[i]!, 12));
  });

  it("Krippendorff's two-observer binary example (Content Analysis): nominal α = .095", () => {
    expect(krippendorffAlpha(binary, 'nominal')).toBeCloseTo(0.095, 3);
    // o_00 = 10, o_01 = o_10 = 4, o_11 = 2; n_0 = 14, n_1 = 6: α = 1 − 19 · 8 / (2 · 14 · 6).
    expect(krippendorffAlpha(binary, 'nominal')).toBeCloseTo(1 - 152 / 168, 12);
  });

  it('Krippendorff 2011, two observers × 12 units, nominal labels: α = .692', () => {
    expect(krippendorffAlpha(twoObserversNominal, 'nominal')).toBeCloseTo(0.692, 3);
    expect(krippendorffAlpha(twoObserversNominal)).toBeCloseTo(1 - (23 * 6) / (24 * 24 - 128), 12);
  });
});

describe('krippendorffAlpha: properties', () => {
  it('perfect agreement with variation is exactly 1 at every level, missing answers or not', () => {
    const perfect = [
      [1, 1, 1],
      [2, 2, _],
      [5, _, 5],
      [3, 3, 3],
      [4, _, _],
    ];
    for (const level of levels) expect(krippendorffAlpha(perfect, level)).toBe(1);
    expect(krippendorffAlpha([['yes', 'yes'], ['no', 'no'], ['na', 'na', 'na']])).toBe(1);
  });

  it('is null when undefined: no data, no unit with two answers, or no variation', () => {
    for (const level of levels) {
      expect(krippendorffAlpha([], level)).toBeNull();
      expect(krippendorffAlpha([[], []], level)).toBeNull();
      expect(krippendorffAlpha([[1, _, _], [_, 2, _], [_, _, 3]], level)).toBeNull();
      // Everyone agrees, but on one value only: expected disagreement is 0, alpha is 0/0.
      expect(krippendorffAlpha([[3, 3], [3, 3, 3], [3, _]], level)).toBeNull();
      // A lone different value in a unit of its own is not pairable, so there is still no variation.
      expect(krippendorffAlpha([[3, 3], [3, 3, 3], [5, _]], level)).toBeNull();
    }
    expect(krippendorffAlpha([['yes', 'yes'], ['yes', 'yes']])).toBeNull();
  });

  it('a unit with a single answer contributes nothing', () => {
    const withLoners = [...k2011, [_, 9, _, _], [1], [_, _, _, 5], []];
    for (const level of levels) expect(krippendorffAlpha(withLoners, level)).toBe(krippendorffAlpha(k2011, level));
    expect(krippendorffAlpha([...binary, [1, _], [_, 0]])).toBe(krippendorffAlpha(binary));
  });

  it('permuting coders or units does not change alpha', () => {
    for (const seed of [1, 7, 42, 2024]) {
      const units = permutation(k2011.length, seed);
      const coders = permutation(4, seed + 1);
      const shuffledUnits = units.map((u) => k2011[u]!);
      const shuffledCoders = k2011.map((row) => coders.map((c) => row[c] ?? null));
      const both = units.map((u) => coders.map((c) => k2011[u]![c] ?? null));
      for (const level of levels) {
        const alpha = krippendorffAlpha(k2011, level)!;
        expect(krippendorffAlpha(shuffledUnits, level)).toBeCloseTo(alpha, 12);
        expect(krippendorffAlpha(shuffledCoders, level)).toBeCloseTo(alpha, 12);
        expect(krippendorffAlpha(both, level)).toBeCloseTo(alpha, 12);
      }
    }
  });

  it('nominal alpha ignores the labels; interval alpha survives a linear rescale; ordinal alpha a monotone one', () => {
    const labels = ['poor', 'fair', 'ok', 'good', 'great'];
    expect(krippendorffAlpha(mapValues(k2011, (v) => labels[v - 1]!), 'nominal')).toBeCloseTo(krippendorffAlpha(k2011, 'nominal')!, 12);
    expect(krippendorffAlpha(mapValues(k2011, (v) => 10 - 2.5 * v), 'interval')).toBeCloseTo(krippendorffAlpha(k2011, 'interval')!, 12);
    expect(krippendorffAlpha(mapValues(k2011, (v) => v ** 3 + 100), 'ordinal')).toBeCloseTo(krippendorffAlpha(k2011, 'ordinal')!, 12);
    // …but interval alpha does change when the spacing does.
    expect(krippendorffAlpha(mapValues(k2011, (v) => v ** 3), 'interval')).not.toBeCloseTo(krippendorffAlpha(k2011, 'interval')!, 3);
  });

  it('is negative for systematic disagreement (hand-computed)', () => {
    // o_01 = o_10 = 4, n_0 = n_1 = 4, n = 8: α = 1 − 7 · 8 / (64 − 32) = −0.75.
    expect(krippendorffAlpha([[0, 1], [1, 0], [0, 1], [1, 0]])).toBeCloseTo(-0.75, 12);
  });

  it('treats 1 and "1" as different answers', () => {
    expect(krippendorffAlpha([[1, '1'], ['yes', 'yes']])).toBeLessThan(1);
    expect(coincidenceMatrix([[1, '1']]).values).toEqual([1, '1']);
  });

  it('rejects answers it cannot compare, with an invalid_input AppError', () => {
    const category = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof AppError ? e.category : 'not an AppError';
      }
      return undefined;
    };
    expect(category(() => krippendorffAlpha([['yes', 'no'], [1, 2]], 'interval'))).toBe('invalid_input');
    expect(category(() => krippendorffAlpha([[1, 'na']], 'ordinal'))).toBe('invalid_input');
    expect(category(() => krippendorffAlpha([[1, Number.NaN]]))).toBe('invalid_input');
    expect(category(() => krippendorffAlpha([[1, Number.POSITIVE_INFINITY]], 'interval'))).toBe('invalid_input');
    expect(category(() => krippendorffAlpha([[true as unknown as string, false as unknown as string]]))).toBe('invalid_input');
    expect(category(() => krippendorffAlpha([[1, 2]], 'ratio' as MeasurementLevel))).toBe('invalid_input');
    expect(category(() => percentAgreement([[1, 2], 'ab' as unknown as string[]]))).toBe('invalid_input');
    // Strings are fine at the nominal level.
    expect(category(() => krippendorffAlpha([['yes', 'no'], [1, 2]], 'nominal'))).toBeUndefined();
  });
});

describe('percentAgreement', () => {
  it('pairwise share of agreeing pairs on a hand-computed small case', () => {
    // Pairs: unit 1 has 3 (1 agrees), unit 2 has 1 (agrees), unit 3 none, unit 4 has 3 (all agree): 5 / 7.
    const data = [
      ['yes', 'yes', 'no'],
      ['no', _, 'no'],
      ['yes', _, _],
      ['na', 'na', 'na'],
    ];
    expect(percentAgreement(data)).toBeCloseTo(5 / 7, 12);
  });

  it('on the published examples (hand-counted pairs)', () => {
    // 55 pairs in units with two or more answers; 12 disagree (unit 2: 3, unit 6: 6, unit 8: 3).
    expect(percentAgreement(k2011)).toBeCloseTo(43 / 55, 12);
    expect(percentAgreement(binary)).toBeCloseTo(6 / 10, 12);
  });

  it('is 1 for perfect agreement and null when there is no pair', () => {
    expect(percentAgreement([['yes', 'yes'], ['yes', 'yes', _]])).toBe(1);
    expect(percentAgreement([])).toBeNull();
    expect(percentAgreement([['yes', _], [_, 'no'], []])).toBeNull();
  });
});

describe('agreementWith', () => {
  it("each coder's agreement with a reference coder over the units both answered", () => {
    // Columns: reviewer 0, reviewer 1, the AI (2).
    const data = [
      ['yes', 'yes', 'yes'],
      ['no', 'yes', 'no'],
      ['yes', _, 'no'],
      [_, 'no', 'no'],
      ['na', 'na', _],
    ];
    expect(agreementWith(data, 2)).toEqual([
      { coder: 0, compared: 3, agreed: 2, agreement: 2 / 3 },
      { coder: 1, compared: 3, agreed: 2, agreement: 2 / 3 },
    ]);
    expect(agreementWith(data, 0)).toEqual([
      { coder: 1, compared: 3, agreed: 2, agreement: 2 / 3 },
      { coder: 2, compared: 3, agreed: 2, agreement: 2 / 3 },
    ]);
  });

  it('null agreement for a coder who never answered alongside the reference, and ragged rows', () => {
    expect(agreementWith([[1, _, 1], [2, 3]], 2)).toEqual([
      { coder: 0, compared: 1, agreed: 1, agreement: 1 },
      { coder: 1, compared: 0, agreed: 0, agreement: null },
    ]);
    expect(agreementWith([], 0)).toEqual([]);
    expect(() => agreementWith([[1, 2]], -1)).toThrow(AppError);
    expect(() => agreementWith([[1, 2]], 0.5)).toThrow(AppError);
  });
});
