/**
 * A failure message with what varies between occurrences taken out (quoted names, paths, ids and
 * hashes, numbers), so the Problems view counts "file "a.wav" not found" and "file "b.wav" not found"
 * as one problem. Capped: a group key is not a place for a megabyte of provider output.
 */
export function fingerprint(message: string): string {
  return message
    .replace(/"[^"]*"|“[^”]*”|'[^'\s][^']*'/g, '"…"')
    .replace(/(?:[A-Za-z]:)?(?:[/\\][^\s/\\"'()]*[^\s/\\"'().,;:]){2,}/g, '<path>')
    .replace(/https?:\/\/\S+/g, '<url>')
    .replace(/(?<![\w-])(?=[\w-]*\d)[\w-]{8,}(?![\w-])/g, '<id>')
    .replace(/\d+(?:[.,]\d+)*/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}
