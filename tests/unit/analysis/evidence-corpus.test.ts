import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPROXIMATE_MIN, EvidenceChecker } from '../../../main/analysis/evidence.js';
import { alignWords, timeOfSpan } from '../../../main/text/align.js';
import type { MatchLevel } from '../../../preload/contract/schemas/rules.js';
import { fixturesDir } from '../../helpers/fixtures.js';
import { scriptToTranscript } from '../../helpers/truth-transcript.js';

/**
 * The evidence matcher against the way models really quote. Built here from the fixture calls' truth
 * (tests/fixtures/calls.json, the fixture calls' scripts): every sentence and phrase of every line, rewritten by each
 * transformation a model applies (contractions, numerals for spoken numbers, ordinals, currency
 * symbols, hyphens, fillers, case and punctuation, a skipped or changed word) alone and combined,
 * quotes spanning two segments of one speaker, quotes given as the other speaker's, sentences from the
 * other calls and invented sentences. Precision and recall are printed; legitimate variants must be
 * found with the right span (± one word) at ≥ 98%, and no invented or other-call sentence may match.
 */
type Turn = readonly ['agent' | 'customer', string];
const calls = (JSON.parse(readFileSync(join(fixturesDir, 'calls.json'), 'utf8')) as { id: string; turns: Turn[] }[]);

interface Case {
  call: number;
  kind: string;
  quote: string;
  expected: MatchLevel[] | 'not_found';
  /** Segment index and character span of the words the quote stands for (for legitimate variants). */
  span?: { seg: number; from: number; to: number; seg2?: number; to2?: number };
  speaker?: 'agent' | 'customer';
  mismatch?: boolean;
}

// Each rewrite: what a model writes instead of the transcript's words. Applied when the pattern occurs.
const rewrites: Record<string, [RegExp, string][]> = {
  contraction: [
    [/\bI am\b/, "I'm"], [/\bI have\b/, "I've"], [/\byou are\b/i, "you're"], [/\bthat is\b/i, "that's"], [/\bit is\b/i, "it's"],
    [/\bI will\b/, "I'll"], [/\bThere is\b/, "There's"], [/\bwhat is\b/i, "what's"], [/\bI would\b/, "I'd"], [/\bdo not\b/i, "don't"],
    [/\bYou will\b/, "You'll"], [/\bit will\b/i, "it'll"],
  ],
  numerals: [
    [/\beighty four\b/, '84'], [/\bfive working\b/, '5 working'], [/\btwo payments\b/, '2 payments'], [/\beleven pounds\b/i, '11 pounds'],
    [/\bone hundred and twenty\b/, '120'], [/\bTwelve\b/, '12'], [/\bfour four seven one two\b/, '44712'], [/\bnineteen eighty five\b/, '1985'],
    [/\bone two three\b/, '123'], [/\btwo years\b/, '2 years'], [/\bFour five five six, seven three seven five, eight six eight nine, nine eight five five\b/, '4556 7375 8689 9855'],
  ],
  ordinal: [[/\bthird of October\b/, '3rd of October'], [/\btwelfth of March\b/, '12th of March'], [/\bthird time\b/, '3rd time'], [/\bfirst line\b/, '1st line'], [/\bFirst,/, '1st,']],
  currency: [[/\beighty four pounds\b/, '£84'], [/\bone hundred and twenty pounds\b/, '£120'], [/\beleven pounds\b/i, '£11']],
  hyphen: [[/\beighty four\b/, 'eighty-four'], [/\bdouble charge\b/, 'double-charge'], [/\bnineteen eighty five\b/, 'nineteen eighty-five'], [/\bfixed saver\b/, 'fixed-saver'], [/\bone hundred and twenty\b/, 'one hundred and twenty']],
  date: [[/\bthird of October\b/, 'October 3rd'], [/\btwelfth of March nineteen eighty five\b/, 'March 12th, 1985']],
};

const words = (s: string) => s.split(/\s+/).filter(Boolean);
function applyFirst(text: string, list: [RegExp, string][]): string | null {
  for (const [re, to] of list) if (re.test(text)) return text.replace(re, to);
  return null;
}
/** Drop or change one word in the middle (never the first or last: they fix the span's ends). */
const skipWord = (text: string) => { const w = words(text); if (w.length < 6) return null; w.splice(Math.floor(w.length / 2), 1); return w.join(' '); };
const changeWord = (text: string) => { const w = words(text); if (w.length < 6) return null; w[Math.floor(w.length / 2)] = 'really'; return w.join(' '); };
const addFiller = (text: string) => { const w = words(text); if (w.length < 3) return null; w.splice(1, 0, 'um,'); return w.join(' '); };
const casePunct = (text: string) => `${text.toLowerCase().replace(/[,.?!]/g, '')}...`;

/** Sentences of a line with their character spans. */
function sentences(text: string): { from: number; to: number }[] {
  return [...text.matchAll(/[^.?!]+[.?!]?/g)].map((m) => {
    const lead = m[0].length - m[0].trimStart().length;
    return { from: m.index + lead, to: m.index + m[0].trimEnd().length };
  }).filter((s) => words(text.slice(s.from, s.to)).length >= 3);
}

const INVENTED = [
  'I will escalate this to my manager right away.', 'Your account has been suspended due to late payment.', 'Can you spell your surname for me please?',
  'We will send an engineer out tomorrow morning.', 'I have applied a goodwill credit of thirty pounds.', 'Let me transfer you to the billing team.',
  'Your direct debit will be taken on the first of the month.', 'I completely understand your frustration with the smart meter.',
  'Could you read me the meter reading please?', 'Our records show you moved house last year.', 'The tariff ends in three months time.',
  'I am going to put you on hold for a moment.', 'Is the property a house or a flat?', 'Your new card will arrive within ten days.',
  'Please hold while I check with my supervisor.', 'I cannot find any account under that name.', 'The outage should be fixed by six pm tonight.',
  'We offer a priority service register for vulnerable customers.', 'Would you like a copy of the call recording?', 'I have updated your email address.',
  'There was a problem with the payment gateway yesterday.', 'Can I take a contact number in case we get cut off?', 'You are entitled to compensation of fifty pounds.',
  'I will call you back on Thursday afternoon.', 'The price cap changes in January.', 'Sorry, the line is very bad, could you repeat that?',
  'Your complaint reference is seven seven four.', 'I can see you are on the standard variable tariff.', 'Have you tried switching the fuse box off and on?',
  'We do not store your card details after the call.', 'My colleague will email you the contract.', 'The engineer could not access the meter.',
  'Thank you for your patience today, have a lovely weekend.', 'Is there a safe place we can leave the parcel?', 'I would recommend paying by direct debit.',
  'Can you confirm the amount you want to pay?', 'I am not able to discuss the account with you.', 'Your balance is now zero.',
  'The refund was declined by your bank.', 'You will receive a survey by text message.',
];

function buildCorpus(): Case[] {
  const out: Case[] = [];
  calls.forEach((call, ci) => {
    call.turns.forEach(([speaker, text], seg) => {
      const excerpts = [{ from: 0, to: text.length }, ...sentences(text)];
      // A phrase from the middle of the line (5–7 words).
      const w = [...text.matchAll(/\S+/g)];
      if (w.length >= 9) excerpts.push({ from: w[2]!.index, to: w[8]!.index + w[8]![0].length });
      const seen = new Set<string>();
      for (const ex of excerpts) {
        const src = text.slice(ex.from, ex.to);
        if (seen.has(src)) continue;
        seen.add(src);
        const span = { seg, from: ex.from, to: ex.to };
        const add = (kind: string, quote: string | null, expected: MatchLevel[]) => { if (quote && quote !== src) out.push({ call: ci, kind, quote, expected, span, speaker }); };
        out.push({ call: ci, kind: 'verbatim', quote: src, expected: ['exact'], span, speaker });
        add('case+punctuation', casePunct(src), ['exact']);
        for (const [kind, list] of Object.entries(rewrites)) add(kind, applyFirst(src, list), ['normalised']);
        add('filler', addFiller(src), ['normalised']);
        // A skipped word the normalisation ignores anyway ("third [of] October") is rightly normalised.
        add('skipped word', skipWord(src), ['approximate', 'normalised']);
        add('changed word', changeWord(src), ['approximate']);
        // Combined: every rewrite that applies, then a skipped word.
        let all = src;
        for (const list of Object.values(rewrites)) all = applyFirst(all, list) ?? all;
        if (all !== src) add('combined', all, ['normalised']);
        if (all !== src) add('combined+skip', skipWord(all), ['approximate', 'normalised']);
        // The other party's words, given as this party's: found, and the mismatch is flagged.
        out.push({ call: ci, kind: 'other speaker', quote: src, expected: ['exact'], span, speaker: speaker === 'agent' ? 'customer' : 'agent', mismatch: true });
      }
      // The end of this line and the start of the same speaker's next line (the other party between).
      const next = seg + 2;
      const nextTurn = call.turns[next];
      if (nextTurn && nextTurn[0] === speaker) {
        // The last clause of this line and the first clause of the next, as a model would cut them.
        const tail = /[^,.?!]+[,.?!]?\s*$/.exec(text)!;
        const from = tail.index + tail[0].length - tail[0].trimStart().length;
        const head = /^[^,.?!]+[,.?!]?/.exec(nextTurn[1])!;
        const to2 = head[0].length;
        const quote = `${text.slice(from)} ${nextTurn[1].slice(0, to2)}`;
        const span = { seg, from, to: text.length, seg2: next, to2 };
        out.push({ call: ci, kind: 'two segments', quote, expected: ['exact'], span, speaker });
        const contracted = applyFirst(quote, rewrites.contraction!);
        if (contracted) out.push({ call: ci, kind: 'two segments+contraction', quote: contracted, expected: ['normalised'], span, speaker });
      }
    });
  });
  // Sentences of the other calls that this call does not share (word overlap under half with each of its lines).
  const bag = (s: string) => new Set(words(s.toLowerCase().replace(/[^a-z0-9\s]/g, '')));
  const jaccard = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x)).length / new Set([...a, ...b]).size;
  calls.forEach((call, ci) => {
    const own = call.turns.flatMap(([, t]) => sentences(t).map((s) => bag(t.slice(s.from, s.to))));
    calls.forEach((other, oi) => {
      if (oi === ci) return;
      for (const [, t] of other.turns) {
        for (const s of sentences(t)) {
          const quote = t.slice(s.from, s.to);
          if (own.every((b) => jaccard(bag(quote), b) < 0.5)) out.push({ call: ci, kind: 'other call', quote, expected: 'not_found' });
        }
      }
    });
    for (const quote of INVENTED) out.push({ call: ci, kind: 'invented', quote, expected: 'not_found' });
  });
  return out;
}

describe('evidence matching corpus', () => {
  const transcripts = calls.map((c) => scriptToTranscript(c.turns));
  const checkers = transcripts.map((t) => new EvidenceChecker(t));
  const corpus = buildCorpus();

  it(`finds ≥ 98% of legitimate variants with the right span and level; matches no invented or other-call sentence`, () => {
    const legit = corpus.filter((c) => c.expected !== 'not_found');
    const negatives = corpus.filter((c) => c.expected === 'not_found');
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const misses: string[] = [];
    const wrongLevel: string[] = [];
    let found = 0;
    let mismatchesFlagged = 0;
    const perKind = new Map<string, { n: number; ok: number }>();
    const lowestLegit: number[] = [];
    for (const c of legit) {
      const t = transcripts[c.call]!;
      const r = checkers[c.call]!.check([{ quote: c.quote, start: NaN, end: NaN, speaker: c.speaker }]);
      const e = r.evidence[0];
      const k = perKind.get(c.kind) ?? { n: 0, ok: 0 };
      k.n++;
      perKind.set(c.kind, k);
      if (!e) {
        misses.push(`${c.kind}: ${c.quote}`);
        continue;
      }
      // Expected times: the words the quote stands for, ± one word.
      const seg = t.segments[c.span!.seg]!;
      const expStart = timeOfSpan(seg, alignWords(seg), c.span!.from, c.span!.to).start;
      const endSeg = t.segments[c.span!.seg2 ?? c.span!.seg]!;
      const expEnd = c.span!.seg2 !== undefined ? timeOfSpan(endSeg, alignWords(endSeg), 0, c.span!.to2!).end : timeOfSpan(seg, alignWords(seg), c.span!.from, c.span!.to).end;
      const word = Math.max(...[seg, endSeg].flatMap((s) => s.words.map((x) => x.end - x.start)));
      if (Math.abs(e.start - expStart) > word + 1e-6 || Math.abs(e.end - expEnd) > word + 1e-6) {
        misses.push(`${c.kind}: ${c.quote} → ${e.quote} (${e.start}–${e.end}, expected ${expStart}–${expEnd})`);
        continue;
      }
      found++;
      k.ok++;
      if (!(c.expected as MatchLevel[]).includes(e.match!)) wrongLevel.push(`${c.kind}: ${c.quote} → ${e.match}`);
      if (e.match === 'approximate') lowestLegit.push(e.similarity!);
      if (c.mismatch && r.speakerMismatches.length === 1) mismatchesFlagged++;
      if (!c.mismatch) expect(r.speakerMismatches, c.quote).toEqual([]);
      // Always the transcript's words; the model's wording beside them when it differs.
      expect(t.segments.some((s) => s.text.includes(e.quote)) || c.span!.seg2 !== undefined, e.quote).toBe(true);
      if (e.match !== 'exact') expect(e.modelQuote).toBe(c.quote.trim());
    }
    const falsePositives = negatives.filter((c) => checkers[c.call]!.check([{ quote: c.quote, start: NaN, end: NaN }]).evidence.length > 0);
    const negativeClosest = negatives.map((c) => checkers[c.call]!.closestSimilarity(c.quote));
    const recall = found / legit.length;
    const precision = found / (found + falsePositives.length);
    const mismatchCases = legit.filter((c) => c.mismatch).length;
    console.log([
      `evidence corpus: ${corpus.length} cases (${legit.length} legitimate, ${negatives.length} invented or from other calls)`,
      `  recall ${(recall * 100).toFixed(1)}%  precision ${(precision * 100).toFixed(1)}%  right level ${(((found - wrongLevel.length) / found) * 100).toFixed(1)}%`,
      `  speaker mismatches flagged ${mismatchesFlagged}/${mismatchCases}`,
      `  threshold ${APPROXIMATE_MIN}: lowest legitimate approximate similarity ${Math.min(...lowestLegit).toFixed(3)}, highest invented/other-call ${Math.max(...negativeClosest).toFixed(3)}`,
      ...[...perKind].map(([kind, v]) => `  ${kind.padEnd(26)} ${v.ok}/${v.n}`),
      ...misses.slice(0, 20).map((m) => `  missed: ${m}`),
      ...wrongLevel.slice(0, 20).map((m) => `  level: ${m}`),
      ...falsePositives.map((c) => `  false positive: ${c.quote}`),
    ].join('\n'));
    expect(recall).toBeGreaterThanOrEqual(0.98);
    expect(falsePositives.map((c) => c.quote)).toEqual([]);
    expect(wrongLevel.length / found).toBeLessThanOrEqual(0.02);
    expect(mismatchesFlagged).toBe(mismatchCases);
    // The threshold sits between the two populations.
    expect(Math.max(...negativeClosest)).toBeLessThan(APPROXIMATE_MIN);
  });
});
