import type { Cell, Column } from './cells.js';

/**
 * CSV (RFC 4180, UTF-8 with BOM so Excel reads accents, CRLF line ends). Text cells that a
 * spreadsheet would run as a formula (leading =, +, -, @, tab or CR; OWASP "CSV injection") get a
 * leading apostrophe, which Excel and LibreOffice show as text. Numbers are written as numbers, so a
 * negative number is never touched.
 */
export const CSV_BOM = '\uFEFF';

export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = neutralise(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: Cell[]) => `${cells.map(csvCell).join(',')}\r\n`;
export const csvHeader = (columns: Column[]) => CSV_BOM + csvLine(columns.map((c) => c.header));

/**
 * Group lines into ~64 KB chunks: one write per line would cost a syscall-sized object each, one
 * write for everything would hold the whole file. The consumer pulls, so memory stays one chunk.
 */
export async function* chunked(lines: Iterable<string>, chunkBytes = 64 * 1024): AsyncGenerator<string> {
  let buf = '';
  for (const line of lines) {
    buf += line;
    if (buf.length >= chunkBytes) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}
