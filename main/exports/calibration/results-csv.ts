import type { CalibrationResults } from '../../../preload/contract/schemas/calibrations.js';
import { csvHeader, csvLine } from '../data/csv.js';
import type { Cell, Column } from '../data/cells.js';

/**
 * A calibration's results as CSV, one row per criterion × call: each reviewer's answer in a column
 * of their own, the AI's and the consensus beside them, and the criterion's agreement figures
 * repeated on each of its rows so a filter or pivot in a spreadsheet keeps them.
 */
export function calibrationResultsCsv(r: CalibrationResults): string {
  const calls = new Map(r.callList.map((c) => [c.recordingId, c]));
  const columns: Column[] = [
    'Criterion id', 'Section', 'Question', 'Call id', 'Call', 'Agent',
    ...r.reviewers.map((x) => `Reviewer: ${x.name}`),
    'AI', 'Consensus', '% agreement (reviewers)', 'Alpha (reviewers)', '% agreement (with AI)', 'Alpha (with AI)', 'Reviewers matching AI', 'Ambiguous',
  ].map((header) => ({ key: header, header }));
  const lines = [csvHeader(columns)];
  for (const k of r.criteria) {
    for (const c of k.calls) {
      const call = calls.get(c.recordingId);
      const cells: Cell[] = [
        k.criterionId, k.section, k.question, c.recordingId, call?.fileName ?? '', call?.agent ?? '',
        ...c.answers, c.ai, c.consensus,
        k.amongReviewers.percent, k.amongReviewers.alpha, k.withAi.percent, k.withAi.alpha, k.reviewersMatchAi, k.ambiguous,
      ];
      lines.push(csvLine(cells));
    }
  }
  return lines.join('');
}
