import type { Writable } from 'node:stream';
import type { CalibrationResults, CriterionResult } from '../../../preload/contract/schemas/calibrations.js';
import { createReport, header, heading, keyValues, paragraph, statTiles, table, theme } from './doc.js';

/**
 * A calibration's results as a PDF: the session, the ambiguous criteria first (what to reword), then
 * per criterion its agreement figures and the answers side by side per call. The data is the results
 * operation's own answer (access already checked), so the PDF and the results page cannot differ.
 */
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);
const alpha = (v: number | null) => (v === null ? '—' : v.toFixed(2));

export async function renderCalibrationReport(out: Writable, r: CalibrationResults, opts: { now?: Date } = {}): Promise<number> {
  const s = r.session;
  const doc = createReport(out, { title: `Calibration — ${s.name}`, generatedAt: opts.now ?? new Date(), rubric: `${s.rubricName} v${s.rubricVersion}`, redacted: false });
  header(doc, 'Calibration', s.name, `${s.rubricName} v${s.rubricVersion}  ·  ${s.calls} calls  ·  ${s.status === 'open' ? 'open' : 'closed'}${s.dueOn ? `  ·  due ${s.dueOn}` : ''}`);
  const ambiguous = r.criteria.filter((k) => k.ambiguous);
  statTiles(doc, [
    { label: 'Reviewers submitted', value: `${r.reviewers.length} / ${s.participants.length}` },
    { label: 'Criteria', value: String(r.criteria.length) },
    { label: 'Ambiguous', value: String(ambiguous.length), color: ambiguous.length ? theme.bad : theme.good, note: `alpha < ${r.threshold}` },
  ]);
  if (ambiguous.length) {
    heading(doc, 'Criteria to reword');
    paragraph(doc, `Reviewers read these differently (Krippendorff's alpha below ${r.threshold}). Reword them in Settings → Rubrics.`, { color: theme.muted });
    for (const k of ambiguous) paragraph(doc, `• ${k.question}  (alpha ${alpha(k.amongReviewers.alpha)}, ${pct(k.amongReviewers.percent)} agreement)`);
  }
  heading(doc, 'Reviewers');
  table(doc, [
    { header: 'Reviewer', width: 0.6, cell: (x) => x.name },
    { header: 'Matches consensus', width: 0.4, align: 'right', cell: (x) => (x.compared ? `${pct(x.matchesConsensus)} of ${x.compared}` : 'no consensus yet') },
  ], r.reviewers);
  const callName = new Map(r.callList.map((c) => [c.recordingId, c.fileName]));
  for (const k of r.criteria) criterion(doc, k, r, callName);
  return doc.finish();
}

function criterion(doc: ReturnType<typeof createReport>, k: CriterionResult, r: CalibrationResults, callName: Map<number, string>): void {
  heading(doc, `${k.section}: ${k.question}${k.ambiguous ? '  — ambiguous' : ''}`);
  keyValues(doc, [
    ['Reviewers agree', `${pct(k.amongReviewers.percent)} · alpha ${alpha(k.amongReviewers.alpha)} (${k.level})`],
    ['With the AI', `${pct(k.withAi.percent)} · alpha ${alpha(k.withAi.alpha)}`],
    ['Reviewers matching the AI', pct(k.reviewersMatchAi)],
  ]);
  const width = 0.56 / Math.max(1, r.reviewers.length + 2);
  table(doc, [
    { header: 'Call', width: 0.44, cell: (c) => callName.get(c.recordingId) ?? `#${c.recordingId}` },
    ...r.reviewers.map((x, i) => ({ header: x.name, width, align: 'center' as const, cell: (c: CriterionResult['calls'][number]) => c.answers[i] ?? '—' })),
    { header: 'AI', width, align: 'center', cell: (c) => c.ai ?? '—' },
    { header: 'Consensus', width, align: 'center', font: () => 'semibold', cell: (c) => c.consensus ?? '—' },
  ], k.calls);
}
