import { describe, expect, it } from 'vitest';
import { createReport, paragraph, table } from '../../../main/exports/pdf/doc.js';
import { collector } from './helpers/collect.js';

/**
 * The PDF table's page breaks (issue 36: "a section's last question sits alone on the next page"):
 * whatever space is left above it, the last row is never alone at the top of a page, and the header
 * never ends a page without its first row. Each text drawn is recorded with the page it lands on.
 */
async function layout(fillerLines: number, rowCount: number) {
  const { out } = collector();
  const r = createReport(out, { title: 't', generatedAt: new Date(0), rubric: null, redacted: true });
  const pageOf = new Map<string, number>();
  const text = r.doc.text.bind(r.doc);
  r.doc.text = ((s: string, ...rest: unknown[]) => {
    const range = r.doc.bufferedPageRange();
    if (typeof s === 'string' && !pageOf.has(s)) pageOf.set(s, range.start + range.count - 1);
    return (text as (...a: unknown[]) => typeof r.doc)(s, ...rest);
  }) as typeof r.doc.text;
  for (let i = 0; i < fillerLines; i++) paragraph(r, `filler ${i}`);
  const rows = Array.from({ length: rowCount }, (_, i) => ({ name: `row ${i}`, detail: `detail of row ${i}: the rationale a reviewer reads under the answer.` }));
  table(r, [{ header: 'Criterion', width: 0.7, cell: (x) => x.name }, { header: 'Points', width: 0.3, cell: () => '5 / 10' }], rows, { detail: (x) => x.detail });
  await r.finish();
  return pageOf;
}

describe('PDF tables keep rows together across pages', () => {
  it('the last row shares its page with the row before it, and the header with the first row, for every amount of space left', async () => {
    let breaksSeen = 0;
    for (let filler = 20; filler <= 60; filler += 2) {
      const rows = 8;
      const pages = await layout(filler, rows);
      const last = pages.get(`row ${rows - 1}`)!;
      const beforeLast = pages.get(`row ${rows - 2}`)!;
      expect(last, `filler ${filler}: the last row alone on page ${last + 1}`).toBe(beforeLast);
      expect(pages.get('CRITERION'), `filler ${filler}: the header left behind`).toBe(pages.get('row 0'));
      if (pages.get('row 0') !== last) breaksSeen++;
    }
    // The sweep really crossed page breaks inside the table (otherwise it proves nothing).
    expect(breaksSeen).toBeGreaterThan(2);
  });

  it('a two-row table starts on the page where both rows fit', async () => {
    for (let filler = 30; filler <= 60; filler += 3) {
      const pages = await layout(filler, 2);
      expect(pages.get('row 1')).toBe(pages.get('row 0'));
      expect(pages.get('CRITERION')).toBe(pages.get('row 0'));
    }
  });
});
