/**
 * Sampling rules' arithmetic: which calls of a population a rule picks. Pure and deterministic — the
 * same population, rule and seed always give the same picks (so a dry run shows exactly what a commit
 * will do) — and independent of the order the population arrives in.
 *
 * A rule asks for N calls per agent, optionally stratified: each agent's N is shared among the strata
 * (queue, outcome or score band) in proportion to how many of that agent's calls fall in each, by the
 * largest-remainder method (Hamilton), so the picks mirror the agent's mix of calls exactly; within a
 * stratum the calls are drawn at random with a seeded generator. An agent with fewer than N candidate
 * calls gives all of them, and the shortfall is reported.
 */
import { seededRandom } from '../../util/seeded-random.js';
import { scoreBand, scoreBandLabel } from '../../../preload/contract/score-band.js';

export const stratifications = ['none', 'queue', 'outcome', 'scoreBand'] as const;
export type Stratification = (typeof stratifications)[number];

export interface Candidate {
  recordingId: number;
  agent: string;
  queue: string | null;
  outcome: string | null;
  scorePct: number | null;
}

export interface Pick {
  recordingId: number;
  agent: string;
  /** The stratum it was drawn from, in words ("queue: billing"); "all calls" when not stratified. */
  stratum: string;
}

export interface Shortfall {
  agent: string;
  wanted: number;
  available: number;
}

/** Score bands a lead recognises at a glance: the app's one scale, in words. */
export const scoreBandOf = (scorePct: number | null): string => scoreBandLabel[scoreBand(scorePct)];

export function stratumOf(c: Candidate, by: Stratification): string {
  switch (by) {
    case 'none': return 'all calls';
    case 'queue': return `queue: ${c.queue ?? '(none)'}`;
    case 'outcome': return `outcome: ${c.outcome ?? '(none)'}`;
    case 'scoreBand': return `score: ${scoreBandOf(c.scorePct)}`;
  }
}

/**
 * Share `n` among strata in proportion to their sizes (largest remainder; ties to the larger stratum,
 * then by name). With n ≥ the total, every call of every stratum.
 */
export function allocate(sizes: ReadonlyMap<string, number>, n: number): Map<string, number> {
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const out = new Map<string, number>();
  if (n >= total) {
    for (const [k, size] of sizes) out.set(k, size);
    return out;
  }
  const shares = [...sizes].map(([k, size]) => ({ k, size, exact: (n * size) / total }));
  let given = 0;
  for (const s of shares) {
    const whole = Math.floor(s.exact);
    out.set(s.k, whole);
    given += whole;
  }
  shares.sort((a, b) => (b.exact - Math.floor(b.exact)) - (a.exact - Math.floor(a.exact)) || b.size - a.size || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  for (const s of shares.slice(0, n - given)) out.set(s.k, out.get(s.k)! + 1);
  return out;
}

/** FNV-1a: a seed string to 32 bits. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** `k` of `ids` at random (a partial Fisher–Yates shuffle), seeded by `key`. */
function draw(ids: number[], k: number, key: string): number[] {
  const a = [...ids].sort((x, y) => x - y);
  const rand = seededRandom(hash32(key));
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}

export interface SampleRule {
  perAgent: number;
  stratifyBy: Stratification;
  /** Any text; the same seed draws the same calls from the same population. */
  seed: string;
}

export function drawSample(candidates: readonly Candidate[], rule: SampleRule): { picks: Pick[]; shortfalls: Shortfall[] } {
  const byAgent = new Map<string, Map<string, number[]>>();
  for (const c of candidates) {
    const strata = byAgent.get(c.agent) ?? new Map<string, number[]>();
    byAgent.set(c.agent, strata);
    const stratum = stratumOf(c, rule.stratifyBy);
    strata.set(stratum, [...(strata.get(stratum) ?? []), c.recordingId]);
  }
  const picks: Pick[] = [];
  const shortfalls: Shortfall[] = [];
  for (const agent of [...byAgent.keys()].sort()) {
    const strata = byAgent.get(agent)!;
    const available = [...strata.values()].reduce((a, ids) => a + ids.length, 0);
    if (available < rule.perAgent) shortfalls.push({ agent, wanted: rule.perAgent, available });
    const quota = allocate(new Map([...strata].map(([k, ids]) => [k, ids.length])), rule.perAgent);
    for (const stratum of [...strata.keys()].sort()) {
      const ids = draw(strata.get(stratum)!, quota.get(stratum)!, `${rule.seed}|${agent}|${stratum}`);
      for (const recordingId of ids.sort((x, y) => x - y)) picks.push({ recordingId, agent, stratum });
    }
  }
  return { picks, shortfalls };
}

/**
 * Share picks among reviewers round-robin in pick order (each agent's calls spread over the reviewers),
 * starting with whoever has the fewest open reviews, so the work stays even.
 */
export function shareAmong<T>(picks: readonly T[], reviewers: readonly { id: number; open: number }[]): (T & { reviewerId: number })[] {
  const order = [...reviewers].sort((a, b) => a.open - b.open || a.id - b.id);
  return picks.map((p, i) => ({ ...p, reviewerId: order[i % order.length]!.id }));
}
