import type { Evidence } from '../../preload/contract/schemas/rules.js';
import type { NormalizedTranscript, SpeakerRole, TranscriptSegment } from '../../preload/contract/schemas/transcript.js';
import { alignWords, timeOfSpan, type WordSpan } from '../text/align.js';
import { quoteTokens, strictWords, type QuoteToken } from '../text/quote-tokens.js';
import type { ModelEvidence } from './model-schema.js';

/**
 * Checks the model's quotes against the transcript, the way a reviewer would: a quote is real when
 * the call has those words, even if the model wrote "I've" for "I have", "£84" for "eighty four
 * pounds" or skipped a word. Both sides are reduced to canonical tokens (main/text/quote-tokens.ts),
 * then each quote is aligned (token edit distance, free start and end) against one segment or two
 * neighbouring segments of the same speaker. The stored evidence always carries the transcript's own
 * words and times; the model's wording is kept beside it when it differs.
 *
 * Levels: `exact` (the words as written, ignoring case and punctuation), `normalised` (equal after
 * canonical tokens), `approximate` (similarity ≥ APPROXIMATE_MIN). Anything less is not in the call.
 */

/**
 * Token similarity (1 − edit cost / longer side) an approximate match needs. Chosen on the corpus of
 * tests/unit/analysis/evidence-corpus.test.ts: legitimate variants with a skipped or changed word
 * score ≥ 0.8 (a one-word skip in a 5-word quote is 0.83), while the best window for an invented
 * sentence or a sentence from another call peaks at 0.6 — 0.75 sits between, with margin on both sides.
 */
export const APPROXIMATE_MIN = 0.8;
/** Shorter quotes must match in full: one changed word in three is a different statement. */
export const APPROXIMATE_MIN_TOKENS = 4;

export interface QuoteMatch {
  evidence: Evidence;
  similarity: number;
  /** Who says these words in the transcript. */
  role: SpeakerRole;
}

export interface SpeakerMismatch {
  quote: string;
  claimed: 'agent' | 'customer';
  actual: SpeakerRole;
}

export interface CheckResult {
  evidence: Evidence[];
  /** The model's quotes with nothing similar in the call (dropped). */
  notFound: string[];
  speakerMismatches: SpeakerMismatch[];
}

interface Seg {
  segment: TranscriptSegment;
  spans: WordSpan[];
  tokens: QuoteToken[];
}

const SUFFIX = /(?:ing|ed|es|s|ly)$/;

/** True when a and b are one insertion, deletion or substitution apart. */
function oneEdit(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  let x = a.length - 1;
  let y = b.length - 1;
  while (x > i && y > i && a.charCodeAt(x) === b.charCodeAt(y)) {
    x--;
    y--;
  }
  return x - i <= 0 && y - i <= 0;
}

/**
 * Tokens as small integers (equality is one compare in the alignment), with what `cost` needs to tell
 * two different tokens that are nearly the same word (refund / refunded, colour / color: half a change).
 */
class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  /** Id of the word without its inflection; -1 for short words and numbers, which are never "near". */
  private readonly stems: number[] = [];
  private readonly stemIds = new Map<string, number>();
  id(w: string): number {
    let id = this.ids.get(w);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(w, id);
      this.words.push(w);
      this.stems.push(-1);
      if (w.length >= 4 && !/\d/.test(w)) {
        const stem = w.replace(SUFFIX, '');
        let sid = this.stemIds.get(stem);
        if (sid === undefined) this.stemIds.set(stem, (sid = this.stemIds.size));
        this.stems[id] = sid;
      }
    }
    return id;
  }
  /** Substitution cost of quote token a by call token b. */
  cost(a: number, b: number): number {
    if (a === b) return 0;
    const sa = this.stems[a]!;
    if (sa < 0 || this.stems[b]! < 0) return 1;
    if (sa === this.stems[b]) return 0.5;
    const wa = this.words[a]!;
    const wb = this.words[b]!;
    if (Math.abs(wa.length - wb.length) > 1 || wa.length < 5 || wb.length < 5) return 1;
    return oneEdit(wa, wb) ? 0.5 : 1;
  }
}

/** Alignment rows, reused: one allocation per checker instead of four per window. */
class Rows {
  prev = new Float64Array(64);
  cur = new Float64Array(64);
  prevStart = new Int32Array(64);
  curStart = new Int32Array(64);
  fit(n: number): this {
    if (this.prev.length < n) {
      this.prev = new Float64Array(n * 2);
      this.cur = new Float64Array(n * 2);
      this.prevStart = new Int32Array(n * 2);
      this.curStart = new Int32Array(n * 2);
    }
    return this;
  }
}

/**
 * Best alignment of the whole quote against any stretch of the window's tokens (semi-global edit
 * distance: skipping window tokens before and after is free). Returns the stretch [from, to) of the
 * highest similarity (1 − cost / longer side) and its cost.
 */
function align(q: readonly number[], w: Int32Array, vocab: Vocabulary, rows: Rows): { cost: number; from: number; to: number; similarity: number } {
  const m = w.length;
  rows.fit(m + 1);
  let { prev, cur, prevStart, curStart } = rows;
  for (let j = 0; j <= m; j++) {
    prev[j] = 0;
    prevStart[j] = j;
  }
  for (let i = 1; i <= q.length; i++) {
    cur[0] = i;
    curStart[0] = 0;
    const qi = q[i - 1]!;
    for (let j = 1; j <= m; j++) {
      const wj = w[j - 1]!;
      const sub = prev[j - 1]! + vocab.cost(qi, wj);
      const skipQuote = prev[j]! + 1;
      const skipWindow = cur[j - 1]! + 1;
      if (sub <= skipQuote && sub <= skipWindow) {
        cur[j] = sub;
        curStart[j] = prevStart[j - 1]!;
      } else if (skipQuote <= skipWindow) {
        cur[j] = skipQuote;
        curStart[j] = prevStart[j]!;
      } else {
        cur[j] = skipWindow;
        curStart[j] = curStart[j - 1]!;
      }
    }
    [prev, cur] = [cur, prev];
    [prevStart, curStart] = [curStart, prevStart];
  }
  let best = { cost: Infinity, from: 0, to: 0, similarity: -Infinity };
  for (let j = 1; j <= m; j++) {
    const cost = prev[j]!;
    const from = prevStart[j]!;
    if (j <= from) continue;
    // Equal cost over a longer stretch is the better reading: "I have refunded the payment" is the
    // whole "I have refunded the duplicate payment" with one word skipped, not "I have refunded the".
    const similarity = 1 - cost / Math.max(q.length, j - from);
    if (similarity > best.similarity) best = { cost, from, to: j, similarity };
  }
  return best;
}

/** A stretch of a window the quote aligns with, before its evidence is built. */
interface Candidate {
  win: LaidOut;
  from: number;
  to: number;
  similarity: number;
  level: 'normalised' | 'approximate';
  start: number;
}

/** One segment, or a segment and the same speaker's next one, with its tokens laid end to end. */
interface Window {
  segs: readonly number[];
  ids: Int32Array | null;
  /** For each token: which segment of the window and which of its tokens. */
  refs: { k: number; t: QuoteToken }[] | null;
}
interface LaidOut extends Window {
  ids: Int32Array;
  refs: { k: number; t: QuoteToken }[];
}

export class EvidenceChecker {
  private readonly segs: Seg[];
  private readonly vocab = new Vocabulary();
  private readonly rows = new Rows();
  private readonly shared: Int32Array;
  /** Canonical token → segments that contain it: only windows sharing enough tokens are aligned. */
  private readonly index = new Map<number, number[]>();
  private readonly windows: Window[][];

  constructor(transcript: NormalizedTranscript) {
    this.segs = transcript.segments.map((segment) => ({ segment, spans: alignWords(segment), tokens: quoteTokens(segment.text) }));
    this.shared = new Int32Array(this.segs.length);
    this.segs.forEach((s, i) => {
      for (const t of new Set(s.tokens.map((x) => this.vocab.id(x.norm)))) {
        const list = this.index.get(t);
        if (list) list.push(i);
        else this.index.set(t, [i]);
      }
    });
    // Token arrays are laid out on a window's first alignment: most windows are never aligned.
    const windowOf = (segs: number[]): Window => ({ segs, ids: null, refs: null });
    // The same speaker's next segment, with at most one other speaker's line ("mm-hmm") between.
    this.windows = this.segs.map((s, i) => {
      const next = [i + 1, i + 2].find((j) => this.segs[j]?.segment.speaker === s.segment.speaker);
      return next === undefined ? [windowOf([i])] : [windowOf([i]), windowOf([i, next])];
    });
  }

  /** Where the call says this quote (best match), or null when nothing similar is in it. */
  locate(e: ModelEvidence): QuoteMatch | null {
    return this.best(e, null);
  }

  /** How close the call's most similar stretch is to this text, below the threshold too (for tuning it). */
  closestSimilarity(text: string): number {
    return this.best({ quote: text, start: NaN, end: NaN }, null, 0)?.similarity ?? 0;
  }

  private best(e: ModelEvidence, role: SpeakerRole | null, min = APPROXIMATE_MIN): QuoteMatch | null {
    const q = quoteTokens(e.quote).map((t) => this.vocab.id(t.norm));
    if (q.length === 0) return null;
    const distinct = [...new Set(q)];
    // Shared distinct tokens per segment, counted in a reused array (a Map per quote costs more).
    const shared = this.shared;
    const touched: number[] = [];
    for (const t of distinct) {
      for (const i of this.index.get(t) ?? []) {
        if (shared[i] === 0) touched.push(i);
        shared[i]!++;
      }
    }
    // Each of the quote's distinct tokens a window lacks costs at least half a change, so similarity
    // ≤ 1 − (missing / 2) / quote length (more window words only lower it): windows that cannot reach
    // `min` that way are never aligned. Below the threshold (tuning) only windows sharing half count.
    const needed = Math.max(1, min > 0 ? Math.ceil(distinct.length - 2 * (1 - min) * q.length - 1e-9) : Math.ceil(distinct.length / 2));
    // Windows bucketed by how many of the quote's distinct tokens they share (no object per window).
    const d = distinct.length;
    const buckets: Window[][] = Array.from({ length: d + 1 }, () => []);
    for (const i of touched) {
      if (role && this.segs[i]!.segment.role !== role) continue;
      const n = shared[i]!;
      for (const win of this.windows[i]!) {
        const total = win.segs.length === 1 ? n : Math.min(d, n + shared[win.segs[1]!]!);
        if (total >= needed) buckets[total]!.push(win);
      }
    }
    for (const i of touched) shared[i] = 0;
    // Most shared tokens first, nearest the model's time next. A window's missing tokens cost at least
    // half a change each: once that bound cannot beat the best match (or only tie it farther from the
    // model's time), the window is not aligned at all.
    const hint = Number.isFinite(e.start) ? e.start : null;
    const away = (win: Window) => {
      if (hint === null) return 0;
      const first = this.segs[win.segs[0]!]!.segment;
      const last = this.segs[win.segs[win.segs.length - 1]!]!.segment;
      return hint < first.start ? first.start - hint : hint > last.end ? hint - last.end : 0;
    };
    let best: (Candidate & { distance: number }) | null = null;
    for (let n = d; n >= needed; n--) {
      const bucket = buckets[n]!;
      if (bucket.length === 0) continue;
      const bound = 1 - (0.5 * (d - n)) / q.length;
      if (best && bound < best.similarity) break;
      const ranked = hint === null ? bucket : bucket.map((win) => ({ win, lower: away(win) })).sort((a, b) => a.lower - b.lower).map((x) => x.win);
      for (const win of ranked) {
        if (best && bound === best.similarity && away(win) >= best.distance) break;
        const found = this.alignIn(q, win, min);
        if (!found) continue;
        const distance = hint === null ? 0 : Math.abs(found.start - hint);
        const better = !best || found.similarity > best.similarity || (found.similarity === best.similarity && distance < best.distance);
        if (better) best = { ...found, distance };
      }
    }
    return best ? this.evidenceOf(best, e.quote) : null;
  }

  /** The quote's best stretch in one window, if it is a match at `min`; the evidence is built later. */
  private layOut(win: Window): LaidOut {
    if (!win.refs) {
      win.refs = win.segs.flatMap((k) => this.segs[k]!.tokens.map((t) => ({ k, t })));
      win.ids = Int32Array.from(win.refs, (r) => this.vocab.id(r.t.norm));
    }
    return win as LaidOut;
  }

  private alignIn(q: readonly number[], window: Window, min: number): Candidate | null {
    const win = this.layOut(window);
    const { cost, from, to, similarity: raw } = align(q, win.ids, this.vocab, this.rows);
    if (to <= from) return null;
    const similarity = Math.round(raw * 1000) / 1000;
    const level = cost === 0 ? 'normalised' : (q.length >= APPROXIMATE_MIN_TOKENS || min === 0) && similarity >= min ? 'approximate' : null;
    if (!level) return null;
    const first = win.refs[from]!;
    const a = this.segs[first.k]!;
    const start = timeOfSpan(a.segment, a.spans, first.t.start, first.t.end).start;
    return { win, from, to, similarity, level, start };
  }

  /** The transcript's own words and times for a candidate stretch, and how it matched the model's quote. */
  private evidenceOf(c: Candidate, modelQuote: string): QuoteMatch {
    const first = c.win.refs[c.from]!;
    const last = c.win.refs[c.to - 1]!;
    const a = this.segs[first.k]!;
    const b = this.segs[last.k]!;
    let quote: string;
    let end: number;
    if (first.k === last.k) {
      quote = a.segment.text.slice(first.t.start, last.t.end);
      end = timeOfSpan(a.segment, a.spans, first.t.start, last.t.end).end;
    } else {
      quote = `${a.segment.text.slice(first.t.start)} ${b.segment.text.slice(0, last.t.end)}`.replace(/\s+/g, ' ').trim();
      end = timeOfSpan(b.segment, b.spans, 0, last.t.end).end;
    }
    const strictModel = strictWords(modelQuote);
    const strictCall = strictWords(quote);
    const exact = c.level === 'normalised' && strictModel.length === strictCall.length && strictModel.every((w, i) => w === strictCall[i]);
    const evidence: Evidence = {
      quote, start: c.start, end,
      match: exact ? 'exact' : c.level,
      ...(c.level === 'approximate' ? { similarity: c.similarity } : {}),
      ...(exact ? {} : { modelQuote: modelQuote.trim() }),
      speaker: a.segment.role,
    };
    return { evidence, similarity: c.similarity, role: a.segment.role };
  }

  /**
   * One quote with the speaker check: the model says who spoke ("agent"); when the best match is the
   * other party's, the claimed party's own best match is preferred if there is one, otherwise the
   * mismatch is reported with the match.
   */
  verify(e: ModelEvidence & { speaker?: 'agent' | 'customer' }): { match: QuoteMatch | null; mismatch: SpeakerMismatch | null } {
    const match = this.best(e, null);
    if (!match || !e.speaker || match.role === 'unknown' || match.role === e.speaker) return { match, mismatch: null };
    const own = this.best(e, e.speaker);
    if (own) return { match: own, mismatch: null };
    return { match, mismatch: { quote: e.quote, claimed: e.speaker, actual: match.role } };
  }

  /** Verified evidence (duplicates merged), the quotes not in the call, and speaker mismatches. */
  check(list: readonly (ModelEvidence & { speaker?: 'agent' | 'customer' })[]): CheckResult {
    const evidence: Evidence[] = [];
    const notFound: string[] = [];
    const speakerMismatches: SpeakerMismatch[] = [];
    for (const e of list) {
      if (e.quote.trim() === '') continue;
      const { match, mismatch } = this.verify(e);
      if (!match) {
        notFound.push(e.quote);
        continue;
      }
      if (mismatch) speakerMismatches.push(mismatch);
      const found = match.evidence;
      if (!evidence.some((x) => x.start === found.start && x.quote === found.quote)) evidence.push(found);
    }
    return { evidence, notFound, speakerMismatches };
  }
}
