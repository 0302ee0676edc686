/**
 * Where a JSON text first nests deeper than `max` objects/arrays, found by one pass over the text
 * without parsing (string contents skipped), or null. JSON.parse copes with deep nesting but
 * everything after it (zod, JSON.stringify, the logger, the tree walkers) recurses and overflows the
 * stack, so deep documents are refused before any of them runs.
 */
export function jsonTooDeepAt(text: string, max: number): number | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return null;
}
