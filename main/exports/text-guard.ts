/**
 * Text preparation for every laid-out export (PDF via pdfkit, DOCX). Line breakers cost time
 * quadratic in the longest unbreakable run (pdfkit measures a too-wide word one character at a
 * time), so one hostile 100,000-character "word" froze the process for minutes. Here every run of
 * more than `maxRun` non-space characters gets a zero-width space (a break opportunity that prints
 * nothing) every `maxRun` characters, and text past `maxChars` is cut with a visible marker, never
 * silently.
 */
export const MAX_RUN = 40;
/** Characters one text block (a transcript turn, a table cell) may lay out. */
export const MAX_BLOCK_CHARS = 20_000;

const ZWSP = '\u200B';

export function breakLongTokens(text: string, maxRun = MAX_RUN): string {
  if (text.length <= maxRun) return text;
  let out = '';
  let run = 0;
  for (const ch of text) {
    // Whitespace and existing break opportunities end a run.
    if (/\s/.test(ch) || ch === ZWSP || ch === '-') {
      run = 0;
    } else if (run >= maxRun) {
      out += ZWSP;
      run = 0;
    }
    if (!(/\s/.test(ch) || ch === ZWSP || ch === '-')) run++;
    out += ch;
  }
  return out;
}

export function truncationMarker(omitted: number): string {
  return `… (truncated, ${omitted.toLocaleString('en-US')} characters omitted)`;
}

/** Cut `text` to `maxChars` (on a code-point boundary) followed by the visible marker. */
export function truncateText(text: string, maxChars = MAX_BLOCK_CHARS): string {
  if (text.length <= maxChars) return text;
  let cut = maxChars;
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return `${text.slice(0, cut)} ${truncationMarker(text.length - cut)}`;
}

/** Bound the length (with a marker), then add break opportunities. */
export function prepareText(text: string, opts: { maxRun?: number; maxChars?: number } = {}): string {
  return breakLongTokens(truncateText(text, opts.maxChars ?? MAX_BLOCK_CHARS), opts.maxRun);
}

/**
 * A transcript whose turns are bounded before anything reads them: the PII detector and the layout
 * both slow down with a turn's length (a 100,000-character turn took 13 s to scan). Words past the
 * kept text are dropped with it.
 */
export function boundTranscript<T extends { segments: { text: string; words?: { text: string }[] }[] }>(t: T, maxChars = MAX_BLOCK_CHARS): T {
  const tooLong = (x: string) => x.length > maxChars || LONG_TOKEN.test(x);
  if (!t.segments.some((s) => tooLong(s.text))) return t;
  return {
    ...t,
    segments: t.segments.map((s) => {
      if (!tooLong(s.text)) return s;
      let n = 0;
      const words = s.words?.map((w) => ({ ...w, text: shortenTokens(w.text) })).filter((w) => (n += w.text.length + 1) <= maxChars);
      return { ...s, text: truncateText(shortenTokens(s.text), maxChars), ...(words ? { words } : {}) };
    }),
  };
}

/** No spoken word is this long; the PII detector is quadratic in a token's length (20,000: 0.35-7 s). */
export const MAX_TOKEN = 200;
const LONG_TOKEN = new RegExp(`\\S{${MAX_TOKEN + 1}}`);
const LONG_TOKENS = new RegExp(`\\S{${MAX_TOKEN + 1},}`, 'g');

/** Each run of more than MAX_TOKEN non-space characters keeps its start and a visible marker. */
export function shortenTokens(text: string): string {
  return text.replace(LONG_TOKENS, (tok) => `${tok.slice(0, MAX_TOKEN)} ${truncationMarker(tok.length - MAX_TOKEN)}`);
}
