import { describe, expect, it } from 'vitest';
import { scoreBandOf } from '../../../main/domains/assignments/sampling.js';
import { scoreColor, theme } from '../../../main/exports/pdf/doc.js';
import { scoreBand } from '../../../renderer/src/views/calls/format.js';

/**
 * Issue 36 item 6: one score colour scale. A 55 was red in the Calls list and amber on the call page,
 * the Dashboard and in PDFs; every place now reads preload/contract/score-band.ts.
 */
describe('one score colour scale', () => {
  it('puts each score in the same band in the list, the PDFs and the sampling strata', () => {
    const scores = [0, 49.9, 55, 59.9, 60, 70, 79.9, 80, 85, 100];
    const pdf = new Map<string, string>([[theme.bad, 'poor'], [theme.warn, 'fair'], [theme.good, 'good']]);
    const strata = new Map([['below 60', 'poor'], ['60–79', 'fair'], ['80–100', 'good']]);
    expect(scores.map((s) => scoreBand(s, false))).toEqual(['poor', 'poor', 'poor', 'poor', 'fair', 'fair', 'fair', 'good', 'good', 'good']);
    expect(scores.map((s) => pdf.get(scoreColor(s)))).toEqual(scores.map((s) => scoreBand(s, false)));
    expect(scores.map((s) => strata.get(scoreBandOf(s)))).toEqual(scores.map((s) => scoreBand(s, false)));
    expect(scoreColor(null)).toBe(theme.muted);
  });
});
