import { distance } from 'fastest-levenshtein';
import type { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import type { RuleRole } from '../../../preload/contract/schemas/rules.js';
import { alignWords, timeOfSpan } from '../../text/align.js';

/**
 * Phrase search over a transcript: case-insensitive, on word boundaries, with synonyms, plural
 * tolerance, small misspellings (speech-to-text slips) and optional filler words between phrase words.
 */

export interface MatchOptions {
  synonyms?: Record<string, string[]>;
  fuzzy?: boolean;
  maxGapWords?: number;
}

export interface PhraseMatch {
  phrase: string;
  segmentIndex: number;
  charStart: number;
  charEnd: number;
  /** Exact substring of the segment text. */
  quote: string;
  start: number;
  end: number;
}

interface Tok {
  w: string;
  start: number;
  end: number;
}

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

function words(text: string): Tok[] {
  return [...text.matchAll(WORD_RE)].map((m) => ({ w: m[0].toLowerCase().replace(/’/g, "'"), start: m.index, end: m.index + m[0].length }));
}

function allowedEdits(w: string): number {
  return w.length >= 9 ? 2 : w.length >= 5 ? 1 : 0;
}

/** Builds the word comparison once per rule so synonyms become a set lookup. */
export function wordMatcher(options: MatchOptions): (p: string, t: string) => boolean {
  const syn = new Map<string, Set<string>>();
  for (const [k, vs] of Object.entries(options.synonyms ?? {})) {
    const key = k.toLowerCase();
    const set = syn.get(key) ?? new Set<string>();
    for (const v of vs) set.add(v.toLowerCase());
    syn.set(key, set);
  }
  const fuzzy = options.fuzzy ?? true;
  return (p, t) => {
    if (p === t || p + 's' === t || t + 's' === p) return true;
    if (syn.get(p)?.has(t)) return true;
    if (!fuzzy) return false;
    const k = allowedEdits(p);
    return k > 0 && Math.abs(p.length - t.length) <= k && distance(p, t) <= k;
  };
}

export function roleSegments(t: NormalizedTranscript, role: RuleRole): { indexes: number[]; rolesUnknown: boolean } {
  const all = t.segments.map((_, i) => i);
  if (role === 'any') return { indexes: all, rolesUnknown: false };
  if (t.segments.every((s) => s.role === 'unknown')) return { indexes: all, rolesUnknown: true };
  return { indexes: all.filter((i) => t.segments[i]!.role === role), rolesUnknown: false };
}

/** Every match of any phrase in the given segments, in time order. */
export function findPhrases(
  t: NormalizedTranscript,
  segmentIndexes: readonly number[],
  phrases: readonly string[],
  options: MatchOptions = {},
): PhraseMatch[] {
  const eq = wordMatcher(options);
  const gap = options.maxGapWords ?? 0;
  const compiled = phrases.map((p) => ({ phrase: p, ws: words(p).map((x) => x.w) })).filter((p) => p.ws.length > 0);
  const out: PhraseMatch[] = [];
  for (const si of segmentIndexes) {
    const seg = t.segments[si]!;
    const toks = words(seg.text);
    let spans: ReturnType<typeof alignWords> | null = null;
    for (const { phrase, ws } of compiled) {
      for (let i = 0; i < toks.length; i++) {
        if (!eq(ws[0]!, toks[i]!.w)) continue;
        let k = i;
        let ok = true;
        for (let j = 1; j < ws.length && ok; j++) {
          ok = false;
          for (let g = 1; g <= gap + 1 && k + g < toks.length; g++) {
            if (eq(ws[j]!, toks[k + g]!.w)) {
              k += g;
              ok = true;
              break;
            }
          }
        }
        if (!ok) continue;
        const charStart = toks[i]!.start;
        const charEnd = toks[k]!.end;
        spans ??= alignWords(seg);
        const time = timeOfSpan(seg, spans, charStart, charEnd);
        out.push({ phrase, segmentIndex: si, charStart, charEnd, quote: seg.text.slice(charStart, charEnd), ...time });
        i = k;
      }
    }
  }
  // Two phrases can hit the same words ("call recorded" and "calls recorded"); cite each stretch once.
  out.sort((a, b) => a.segmentIndex - b.segmentIndex || a.charStart - b.charStart || b.charEnd - a.charEnd);
  const kept: PhraseMatch[] = [];
  for (const m of out) {
    const last = kept[kept.length - 1];
    if (last && last.segmentIndex === m.segmentIndex && m.charStart < last.charEnd) continue;
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start || a.segmentIndex - b.segmentIndex || a.charStart - b.charStart);
}
