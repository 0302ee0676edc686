import type { SnippetPart } from '../../../preload/contract/schemas/calls.js';
import { detectPii, type PiiCategory } from '../../text/pii/index.js';
import { normalizeSpokenNumbers } from '../../text/spoken-numbers.js';

/**
 * A search snippet with personal data masked, for screens that must not show it (redact on screen).
 * A snippet is a fragment of a line, so besides the PII detectors (which need context) every number of
 * four digits or more, spoken or written, is masked: a card number cut by the snippet's edge must not
 * leak either. Characters are replaced one for one, so the parts' search-hit marks stay where they were.
 */
export function redactSnippet(parts: readonly SnippetPart[], categories: readonly PiiCategory[]): SnippetPart[] {
  const text = parts.map((p) => p.text).join('');
  const hide = new Array<boolean>(text.length).fill(false);
  const mask = (from: number, to: number) => {
    for (let i = Math.max(0, from); i < Math.min(text.length, to); i++) hide[i] = true;
  };
  const segment = { speaker: 's', role: 'unknown' as const, start: 0, end: 1, text, words: [] };
  for (const f of detectPii({ language: null, durationSec: null, speakers: [], segments: [segment] }, { categories: [...categories] })) mask(f.charStart, f.charEnd);
  const nt = normalizeSpokenNumbers(text);
  for (const p of nt.pieces) {
    const digits = nt.text.slice(p.normStart, p.normEnd).replace(/\D/g, '');
    if (!p.identity && digits.length >= 4) mask(p.origStart, p.origEnd);
  }
  for (const m of text.matchAll(/\d[\d ,.-]{2,}\d/g)) if (m[0].replace(/\D/g, '').length >= 4) mask(m.index, m.index + m[0].length);
  let at = 0;
  return parts.map((p) => {
    const base = at;
    at += p.text.length;
    return { ...p, text: p.text.replace(/[\p{L}\p{N}]/gu, (c, offset: number) => (hide[base + offset] ? '•' : c)) };
  });
}
