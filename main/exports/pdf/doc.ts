import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { dateTime } from '../../../preload/contract/time-format.js';
import { scoreBand } from '../../../preload/contract/score-band.js';
import type PDFDocumentClass from 'pdfkit';
import { scoreText } from '../../../preload/contract/schemas/analysis.js';
import { MAX_BLOCK_CHARS, prepareText } from '../text-guard.js';

/**
 * The one layout of every PDF report: page size, fonts, colours, header, footer (page X of Y,
 * generated date, rubric version, redaction state) and the primitives the reports compose (headings,
 * key/value grids, tables with page breaks, callouts). Report modules only decide WHAT to show.
 *
 * pdfkit is loaded with a runtime require, not import: it reads its font metrics from files next to
 * its own code, so it must stay a real package on disk rather than be folded into the bundle, and it
 * only loads when the first report is made (start-up never pays for it).
 */
const req = createRequire(import.meta.url);
type Doc = InstanceType<typeof PDFDocumentClass>;

export const theme = {
  ink: '#1d2433',
  muted: '#5b6474',
  faint: '#8a93a3',
  rule: '#d9dee7',
  band: '#f3f5f9',
  accent: '#2f5bd3',
  good: '#1f8a4c',
  warn: '#b7791f',
  bad: '#c53030',
  margin: 48,
} as const;

export interface Fonts {
  regular: string;
  medium: string;
  semibold: string;
  bold: string;
}

function interFiles(): Fonts {
  const root = dirname(req.resolve('@expo-google-fonts/inter/package.json'));
  return {
    regular: join(root, '400Regular/Inter_400Regular.ttf'),
    medium: join(root, '500Medium/Inter_500Medium.ttf'),
    semibold: join(root, '600SemiBold/Inter_600SemiBold.ttf'),
    bold: join(root, '700Bold/Inter_700Bold.ttf'),
  };
}

export interface ReportFooter {
  title: string;
  generatedAt: Date;
  rubric: string | null;
  redacted: boolean;
}

export interface Report {
  doc: Doc;
  width: number;
  left: number;
  right: number;
  /** Start a new page if fewer than `h` points remain. */
  ensure(h: number): void;
  finish(): Promise<number>;
}

/** Create a report writing to `out`; `finish()` stamps footers on every page and ends the file. */
export function createReport(out: Writable, footer: ReportFooter): Report {
  const PDFDocument = req('pdfkit') as typeof PDFDocumentClass;
  const m = theme.margin;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: m, bottom: m + 18, left: m, right: m },
    bufferPages: true, // footers need the final page count ("Page 2 of 5")
    info: { Title: footer.title, Creator: 'Call Center QA', Producer: 'Call Center QA' },
    autoFirstPage: true,
  });
  const f = interFiles();
  doc.registerFont('regular', f.regular);
  doc.registerFont('medium', f.medium);
  doc.registerFont('semibold', f.semibold);
  doc.registerFont('bold', f.bold);
  doc.font('regular').fontSize(10).fillColor(theme.ink);
  guardText(doc);
  doc.pipe(out);
  const left = m;
  const right = doc.page.width - m;
  const done = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('close', resolve);
    out.once('error', reject);
  });
  return {
    doc,
    width: right - left,
    left,
    right,
    ensure(h) {
      if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    },
    async finish() {
      const range = doc.bufferedPageRange();
      const bits = [`Generated ${dateTime(footer.generatedAt.toISOString())}`, footer.rubric ? `Rubric: ${footer.rubric}` : null, footer.redacted ? 'Personal data redacted' : 'NOT REDACTED']
        .filter(Boolean)
        .join('   ·   ');
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const y = doc.page.height - m + 4;
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0; // writing inside the margin must not add a page
        doc.moveTo(left, y - 6).lineTo(right, y - 6).lineWidth(0.5).strokeColor(theme.rule).stroke();
        doc.font('regular').fontSize(7.5).fillColor(footer.redacted ? theme.faint : theme.bad).text(bits, left, y, { width: right - left - 80, lineBreak: false });
        doc.fillColor(theme.faint).text(`Page ${i - range.start + 1} of ${range.count}`, right - 80, y, { width: 80, align: 'right', lineBreak: false });
        doc.page.margins.bottom = bottom;
      }
      doc.end();
      await done;
      return range.count;
    },
  };
}

/** Characters one report lays out in all; past it each further block keeps only a short start. */
export const MAX_REPORT_CHARS = 400_000;

/**
 * Every string this document lays out or measures goes through prepareText (text-guard.ts): long
 * runs get break opportunities and each block, and the report as a whole, is bounded with a visible
 * marker. Patched here, once, so no report module can forget it.
 */
function guardText(doc: Doc): void {
  let used = 0;
  const limit = () => Math.min(MAX_BLOCK_CHARS, Math.max(200, MAX_REPORT_CHARS - used));
  const text = doc.text.bind(doc) as (...a: unknown[]) => Doc;
  const height = doc.heightOfString.bind(doc) as (...a: unknown[]) => number;
  const width = doc.widthOfString.bind(doc) as (...a: unknown[]) => number;
  doc.text = ((t: unknown, ...rest: unknown[]) => {
    if (typeof t !== 'string') return text(t, ...rest);
    const prepared = prepareText(t, { maxChars: limit() });
    used += prepared.length;
    return text(prepared, ...rest);
  });
  doc.heightOfString = ((t: unknown, ...rest: unknown[]) => height(typeof t === 'string' ? prepareText(t, { maxChars: limit() }) : t, ...rest));
  doc.widthOfString = ((t: unknown, ...rest: unknown[]) => width(typeof t === 'string' ? prepareText(t, { maxChars: limit() }) : t, ...rest));
}

/** Report title block: a small overline, the title, a subtitle, and a rule. */
export function header(r: Report, overline: string, title: string, subtitle: string): void {
  const { doc } = r;
  doc.font('semibold').fontSize(8).fillColor(theme.accent).text(overline.toUpperCase(), r.left, doc.y, { characterSpacing: 1 });
  doc.moveDown(0.2).font('bold').fontSize(20).fillColor(theme.ink).text(title, { width: r.width });
  doc.moveDown(0.15).font('regular').fontSize(10).fillColor(theme.muted).text(subtitle, { width: r.width });
  doc.moveDown(0.6);
  rule(r);
}

export function rule(r: Report): void {
  const y = r.doc.y;
  r.doc.moveTo(r.left, y).lineTo(r.right, y).lineWidth(0.75).strokeColor(theme.rule).stroke();
  r.doc.moveDown(0.8);
}

export function heading(r: Report, text: string): void {
  r.ensure(60);
  r.doc.moveDown(0.4).font('semibold').fontSize(12.5).fillColor(theme.ink).text(text, r.left, r.doc.y, { width: r.width });
  r.doc.moveDown(0.4);
}

export function paragraph(r: Report, text: string, opts: { color?: string; size?: number } = {}): void {
  r.doc.font('regular').fontSize(opts.size ?? 10).fillColor(opts.color ?? theme.ink).text(text, r.left, r.doc.y, { width: r.width, lineGap: 2 });
  r.doc.moveDown(0.5);
}

/** Label/value pairs in `cols` columns (metadata blocks). */
export function keyValues(r: Report, pairs: [string, string][], cols = 3): void {
  const { doc } = r;
  const colW = r.width / cols;
  for (let i = 0; i < pairs.length; i += cols) {
    r.ensure(34);
    const y = doc.y;
    let h = 0;
    pairs.slice(i, i + cols).forEach(([k, v], j) => {
      const x = r.left + j * colW;
      doc.font('medium').fontSize(7.5).fillColor(theme.faint).text(k.toUpperCase(), x, y, { width: colW - 10, characterSpacing: 0.5 });
      doc.font('regular').fontSize(10).fillColor(theme.ink).text(v || '—', x, y + 11, { width: colW - 10 });
      h = Math.max(h, doc.y - y);
    });
    doc.y = y + h + 8;
  }
  doc.x = r.left;
}

/** Big figures in boxes: the first thing a reader sees (score, calls, pass rate). */
/** The largest font size from `max` down to `min` at which `text` fits `width` in the current font (a tile's one line). */
function fitSize(r: Report, text: string, width: number, max: number, min: number): number {
  let size = max;
  while (size > min && r.doc.fontSize(size).widthOfString(text) > width) size -= 0.5;
  return size;
}

export function statTiles(r: Report, tiles: { label: string; value: string; color?: string; note?: string }[]): void {
  const { doc } = r;
  r.ensure(70);
  const gap = 10;
  const w = (r.width - gap * (tiles.length - 1)) / tiles.length;
  const y = doc.y;
  tiles.forEach((t, i) => {
    const x = r.left + i * (w + gap);
    doc.roundedRect(x, y, w, 58, 6).fillColor(theme.band).fill();
    doc.font('medium').fontSize(7.5).fillColor(theme.muted).text(t.label.toUpperCase(), x + 10, y + 9, { width: w - 20, characterSpacing: 0.5 });
    doc.font('bold').fontSize(fitSize(r, t.value, w - 20, 18, 11)).fillColor(t.color ?? theme.ink).text(t.value, x + 10, y + 21, { width: w - 20, lineBreak: false });
    if (t.note) doc.font('regular').fontSize(fitSize(r, t.note, w - 20, 7.5, 6)).fillColor(theme.muted).text(t.note, x + 10, y + 44, { width: w - 20, lineBreak: false, ellipsis: true });
  });
  doc.x = r.left;
  doc.y = y + 58 + 14;
}

export interface TableColumn<T> {
  header: string;
  width: number; // fraction of the table width
  align?: 'left' | 'right' | 'center';
  cell: (row: T) => string;
  color?: (row: T) => string | undefined;
  font?: (row: T) => string | undefined;
}

/**
 * A table that wraps cell text, repeats its header on each new page and draws light row rules.
 * `detail` adds a full-width line of smaller text under a row (rationale, evidence).
 */
export function table<T>(r: Report, columns: TableColumn<T>[], rows: T[], opts: { detail?: (row: T) => string | null } = {}): void {
  const { doc } = r;
  const widths = columns.map((c) => c.width * r.width);
  const pad = 4;
  const drawHeader = () => {
    const y = doc.y;
    doc.rect(r.left, y, r.width, 18).fillColor(theme.band).fill();
    let x = r.left;
    columns.forEach((c, i) => {
      doc.font('semibold').fontSize(7.5).fillColor(theme.muted).text(c.header.toUpperCase(), x + pad, y + 5.5, { width: widths[i]! - 2 * pad, align: c.align ?? 'left', lineBreak: false });
      x += widths[i]!;
    });
    doc.y = y + 22;
  };
  // Measure every row first, so a page break can keep rows together: the header never ends a page
  // without its first row, and the last row never sits alone at the top of the next page (a widow).
  const measured = rows.map((row) => {
    doc.font('regular').fontSize(9);
    const cellH = Math.max(...columns.map((c, i) => doc.heightOfString(c.cell(row) || '—', { width: widths[i]! - 2 * pad })));
    const detail = opts.detail?.(row) ?? null;
    doc.font('regular').fontSize(8);
    const detailH = detail ? doc.heightOfString(detail, { width: r.width - 2 * pad - 12, lineGap: 1.5 }) + 4 : 0;
    return { row, cellH, detail, h: cellH + detailH + 8 };
  });
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  // A table of one or two rows starts where all of it fits (capped: a row taller than a page still starts).
  const firstRows = measured.length <= 2 ? measured : measured.slice(0, 1);
  r.ensure(22 + Math.min(firstRows.reduce((sum, m) => sum + m.h, 0) || 18, 400));
  drawHeader();
  measured.forEach(({ row, cellH, detail, h }, index) => {
    const last = measured[index + 1] && index + 2 === measured.length ? measured[index + 1]! : null;
    const breakBefore = doc.y + h > bottom() || (last !== null && doc.y + h + last.h > bottom() && index > 0);
    if (breakBefore) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    let x = r.left;
    columns.forEach((c, i) => {
      doc.font(c.font?.(row) ?? 'regular').fontSize(9).fillColor(c.color?.(row) ?? theme.ink)
        .text(c.cell(row) || '—', x + pad, y + 3, { width: widths[i]! - 2 * pad, align: c.align ?? 'left' });
      x += widths[i]!;
    });
    if (detail) {
      doc.font('regular').fontSize(8).fillColor(theme.muted).text(detail, r.left + pad + 12, y + cellH + 6, { width: r.width - 2 * pad - 12, lineGap: 1.5 });
    }
    doc.y = y + h;
    doc.moveTo(r.left, doc.y - 2).lineTo(r.right, doc.y - 2).lineWidth(0.4).strokeColor(theme.rule).stroke();
  });
  doc.x = r.left;
  doc.moveDown(0.6);
}

/** Colour of a score: the one score colour scale (preload/contract/score-band.ts). */
export const scoreColor = (pct: number | null) => ({ none: theme.muted, poor: theme.bad, fair: theme.warn, good: theme.good })[scoreBand(pct)];
export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : scoreText(v));
