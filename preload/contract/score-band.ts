/**
 * The one score colour scale, for every view, chart and PDF: poor below 60 (or auto-failed), fair from
 * 60, good from 80. A lead reads a 55 the same way in the Calls list, on the call page, on the
 * Dashboard and in a report.
 */
export const scoreBands = { fair: 60, good: 80 } as const;

export type ScoreBand = 'none' | 'poor' | 'fair' | 'good';

export function scoreBand(score: number | null, autoFailed = false): ScoreBand {
  if (score === null) return 'none';
  if (autoFailed || score < scoreBands.fair) return 'poor';
  return score < scoreBands.good ? 'fair' : 'good';
}

/** The bands in words (sampling strata, legends). */
export const scoreBandLabel: Record<ScoreBand, string> = { none: 'unscored', poor: `below ${scoreBands.fair}`, fair: `${scoreBands.fair}–${scoreBands.good - 1}`, good: `${scoreBands.good}–100` };
