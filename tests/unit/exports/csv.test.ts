import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, neutralise } from '../../../main/exports/data/csv.js';

describe('CSV cells', () => {
  it('neutralises formula-like text (=, +, -, @, tab, CR at the start)', () => {
    for (const s of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) expect(neutralise(s)).toBe(`'${s}`);
    for (const s of ['Dana', 'a=b', '', ' =x']) expect(neutralise(s)).toBe(s);
  });

  it('keeps numbers numeric (a negative number is not text)', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(82.5)).toBe('82.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('quotes commas, quotes and newlines so a parser reads the value back', () => {
    const cells = ['a,b', 'say "hi"', 'line1\nline2', '=1+2', 'plain'];
    const parsed = Papa.parse<string[]>(csvLine(cells), { header: false }).data[0];
    expect(parsed).toEqual(['a,b', 'say "hi"', 'line1\nline2', "'=1+2", 'plain']);
  });
});
