import { AppError } from '../errors.js';

/**
 * Inter-rater agreement for calibration sessions: several reviewers (and the AI) answer the same
 * scorecard criterion for the same calls. Pure functions over one reliability data matrix per
 * criterion; nothing here knows about the database or the app.
 *
 * The data matrix is units × coders: `data[u][c]` is coder c's answer for unit (call) u, and `null`
 * or `undefined` (or a row shorter than the others) means coder c gave no answer for that unit. Map
 * answers that mean "no answer" for the statistic at hand (e.g. 'na' on a 1–5 criterion) to null
 * before calling. Values are compared strictly: 1 and '1' are different answers.
 *
 * Krippendorff's alpha follows the coincidence-matrix formulation of K. Krippendorff (2011),
 * "Computing Krippendorff's Alpha-Reliability" (Annenberg School for Communication, Departmental
 * Papers 43): only units with at least two answers ("pairable values") count, each such unit
 * contributes its m_u (m_u − 1) ordered pairs of answers with weight 1 / (m_u − 1), and
 *
 *     alpha = 1 − D_o / D_e = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
 *
 * where o_ck is the coincidence matrix, n_c its marginals, n the number of pairable values and δ² the
 * difference function of the level of measurement.
 */

/** One coder's answer to one criterion for one unit: a label ('yes', 'no', …) or a number (1..5). */
export type AnswerValue = string | number;

/** An answer or its absence (null / undefined: the coder did not answer this unit). */
export type MaybeAnswer = AnswerValue | null | undefined;

/** Reliability data: one row per unit (call), one column per coder (reviewer or the AI). */
export type ReliabilityData = ReadonlyArray<ReadonlyArray<MaybeAnswer>>;

/**
 * The level of measurement of the answers, which decides how much two different answers disagree:
 * - `nominal`: any two different answers disagree equally (yes / no / na labels);
 * - `ordinal`: answers are ranked numbers (a 1–5 scale read as ranks); disagreement grows with how
 *   many pairable answers lie between the two (Krippendorff's ordinal metric);
 * - `interval`: answers are numbers with meaningful differences; disagreement is (a − b)².
 * Ordinal and interval need numeric answers.
 */
export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval';

export const measurementLevels: readonly MeasurementLevel[] = ['nominal', 'ordinal', 'interval'];

/** The coincidence matrix of a data set (Krippendorff 2011, section C). */
export interface Coincidences {
  /** The distinct pairable values: numbers ascending, then strings in code-unit order. */
  values: AnswerValue[];
  /** `matrix[i][j]` = o_ck for c = values[i], k = values[j]; symmetric. */
  matrix: number[][];
  /** n_c: the row sums of the matrix, i.e. how often each value was pairable. */
  marginals: number[];
  /** n: the number of pairable values (the sum of all marginals). */
  total: number;
}

/** A coder's agreement with a reference coder (see agreementWith). */
export interface CoderAgreement {
  /** The coder's column index in the data. */
  coder: number;
  /** Units that both this coder and the reference coder answered. */
  compared: number;
  /** Of those, units where they gave the same answer. */
  agreed: number;
  /** agreed / compared, or null when compared is 0. */
  agreement: number | null;
}

function invalid(message: string): AppError {
  return new AppError('invalid_input', message, 'Check the answers passed to the agreement statistics: each must be a label, a finite number or empty.');
}

function isMissing(v: MaybeAnswer): v is null | undefined {
  return v === null || v === undefined;
}

/** Throws unless every cell is missing, a string, or a finite number (and a number if `numeric`). */
function validate(data: ReliabilityData, numeric: boolean, level?: MeasurementLevel): void {
  if (!Array.isArray(data)) throw invalid('Reliability data must be an array of units.');
  // Plain loops, not forEach, so that a hole in a sparse array is seen (a missing unit is an error, a
  // missing answer is an absent answer).
  for (let u = 0; u < data.length; u++) {
    const row: unknown = data[u];
    if (!Array.isArray(row)) throw invalid(`Unit ${u} is not an array of answers.`);
    for (let c = 0; c < row.length; c++) {
      const v: unknown = row[c];
      if (v === null || v === undefined) continue;
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) throw invalid(`Unit ${u}, coder ${c}: ${String(v)} is not a finite number.`);
      } else if (typeof v === 'string') {
        if (numeric) throw invalid(`Unit ${u}, coder ${c}: '${v}' is not a number; ${level ?? 'this'} alpha needs numeric answers (map 'na' and the like to null).`);
      } else {
        throw invalid(`Unit ${u}, coder ${c}: an answer must be a string or a number, not ${typeof v}.`);
      }
    }
  }
}

/** Numbers ascending, then strings by code units: a deterministic order that is the rank order for numbers. */
function compareValues(a: AnswerValue, b: AnswerValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The answers present in one unit. */
function answersOf(row: ReadonlyArray<MaybeAnswer>): AnswerValue[] {
  const out: AnswerValue[] = [];
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (!isMissing(v)) out.push(v);
  }
  return out;
}

/** How many times each answer occurs in one unit. */
function countsOf(answers: readonly AnswerValue[]): Map<AnswerValue, number> {
  const counts = new Map<AnswerValue, number>();
  for (const v of answers) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function buildCoincidences(data: ReliabilityData): Coincidences {
  const pairable = data.map(answersOf).filter((a) => a.length >= 2);
  const values = [...new Set(pairable.flat())].sort(compareValues);
  const index = new Map(values.map((v, i) => [v, i] as const));
  const matrix = values.map(() => values.map(() => 0));
  for (const answers of pairable) {
    const m = answers.length;
    const counts = [...countsOf(answers)];
    for (const [c, nc] of counts) {
      const row = matrix[index.get(c)!]!;
      for (const [k, nk] of counts) {
        // Ordered pairs of distinct answers (by coder) with values c and k, each weighted 1 / (m − 1).
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        row[index.get(k)!]! += pairs / (m - 1);
      }
    }
  }
  // Each pairable answer contributes exactly m_u − 1 pairs of weight 1 / (m_u − 1): the marginal is an
  // integer count. Count it directly rather than summing fractions, so it is exact.
  const marginals = values.map(() => 0);
  for (const answers of pairable) for (const v of answers) marginals[index.get(v)!]! += 1;
  const total = marginals.reduce((s, x) => s + x, 0);
  return { values, matrix, marginals, total };
}

/**
 * The coincidence matrix of the data (Krippendorff 2011): how often each pair of values was given to
 * the same unit by different coders, over units with at least two answers. Exposed for inspection and
 * tests; krippendorffAlpha is computed from it.
 */
export function coincidenceMatrix(data: ReliabilityData): Coincidences {
  validate(data, false);
  return buildCoincidences(data);
}

/** δ²_ck for every pair of value indexes, for the given level. */
function differences(level: MeasurementLevel, { values, marginals }: Coincidences): number[][] {
  switch (level) {
    case 'nominal':
      return values.map((_, i) => values.map((_, j) => (i === j ? 0 : 1)));
    case 'interval':
      return values.map((a) => values.map((b) => ((a as number) - (b as number)) ** 2));
    case 'ordinal': {
      // δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k) / 2)², with values in rank order (ascending numbers).
      const cumulative: number[] = [];
      let running = 0;
      for (const n of marginals) cumulative.push((running += n));
      return values.map((_, i) =>
        values.map((_, j) => {
          const lo = Math.min(i, j);
          const hi = Math.max(i, j);
          const between = cumulative[hi]! - (lo > 0 ? cumulative[lo - 1]! : 0);
          return (between - (marginals[lo]! + marginals[hi]!) / 2) ** 2;
        }),
      );
    }
  }
}

/**
 * Krippendorff's alpha for one criterion: 1 is perfect agreement, 0 is agreement no better than
 * chance, below 0 is systematic disagreement. Units with fewer than two answers are ignored.
 *
 * Returns null when alpha is undefined:
 * - no unit has two or more answers (nothing can be compared), or
 * - every pairable answer is the same value, so there is no variation and the expected
 *   disagreement is 0 (the coders agree, but alpha cannot tell that from chance: report percent
 *   agreement instead).
 *
 * Throws AppError('invalid_input') for an answer that is neither a string nor a finite number, and for
 * a string answer at the ordinal or interval level.
 */
export function krippendorffAlpha(data: ReliabilityData, level: MeasurementLevel = 'nominal'): number | null {
  if (!measurementLevels.includes(level)) throw invalid(`Unknown level of measurement '${String(level)}'.`);
  validate(data, level !== 'nominal', level);
  const co = buildCoincidences(data);
  if (co.total < 2) return null;
  const delta = differences(level, co);
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < co.values.length; i++) {
    for (let j = 0; j < co.values.length; j++) {
      const d = delta[i]![j]!;
      if (d === 0) continue;
      observed += co.matrix[i]![j]! * d;
      expected += co.marginals[i]! * co.marginals[j]! * d;
    }
  }
  if (expected === 0) return null;
  return 1 - ((co.total - 1) * observed) / expected;
}

/**
 * Pairwise percent agreement: of all pairs of answers given to the same unit by two different coders,
 * the share that are equal. Units with more coders weigh more (a unit answered by 4 coders has 6
 * pairs, one answered by 2 has 1). Not chance-corrected. Null when there is no pair at all.
 */
export function percentAgreement(data: ReliabilityData): number | null {
  validate(data, false);
  let pairs = 0;
  let agreeing = 0;
  for (const row of data) {
    const answers = answersOf(row);
    const m = answers.length;
    pairs += (m * (m - 1)) / 2;
    for (const n of countsOf(answers).values()) agreeing += (n * (n - 1)) / 2;
  }
  return pairs === 0 ? null : agreeing / pairs;
}

/**
 * Each coder's agreement with a reference coder (the AI, or the lead's consensus answers), over the
 * units where both answered. One entry per other coder, in column order; the coders are every column
 * that occurs in the data (and the reference itself is left out). Not chance-corrected.
 */
export function agreementWith(data: ReliabilityData, referenceCoder: number): CoderAgreement[] {
  if (!Number.isInteger(referenceCoder) || referenceCoder < 0) throw invalid(`The reference coder must be a column index, not ${String(referenceCoder)}.`);
  validate(data, false);
  const width = data.reduce((w, row) => Math.max(w, row.length), 0);
  const out: CoderAgreement[] = [];
  for (let coder = 0; coder < width; coder++) {
    if (coder === referenceCoder) continue;
    let compared = 0;
    let agreed = 0;
    for (const row of data) {
      const a = row[coder];
      const r = row[referenceCoder];
      if (isMissing(a) || isMissing(r)) continue;
      compared++;
      if (a === r) agreed++;
    }
    out.push({ coder, compared, agreed, agreement: compared === 0 ? null : agreed / compared });
  }
  return out;
}
