import type { Writable } from 'node:stream';
import { supportNotes, type ScorecardCriterion } from '../../../preload/contract/schemas/analysis.js';
import { evidenceMatchNote } from '../../../preload/contract/schemas/rules.js';
import { outcomeLabel } from '../../../preload/contract/schemas/call-outcome.js';
import { pointsText, shownAnswer, shownPoints, type CallRecord } from '../call-record.js';
import { orderedSegments, speakerLabeler } from '../transcript/speakers.js';
import { clock, date, dateTime } from '../../../preload/contract/time-format.js';
import { createReport, header, heading, keyValues, paragraph, pct, scoreColor, statTiles, table, theme } from './doc.js';

/**
 * Per-call scorecard report: who/when, the final score (after reviewer overrides), summary, the
 * scorecard with each criterion's answer, rationale and quoted evidence with its time, compliance,
 * coaching notes, and the (redacted) transcript as an appendix. `record` arrives already redacted.
 */
const answerText = (a: string) => (a === 'n/a' ? 'N/A' : /^[1-5]$/.test(a) ? `${a} / 5` : a.charAt(0).toUpperCase() + a.slice(1));
const answerColor = (a: string) => (a === 'yes' || a === '4' || a === '5' ? theme.good : a === 'no' || a === '1' || a === '2' ? theme.bad : theme.muted);

export async function renderCallReport(out: Writable, record: CallRecord, opts: { redacted: boolean; now?: Date }): Promise<number> {
  const { meta, analysis } = record;
  const sc = analysis?.scorecard ?? null;
  const r = createReport(out, {
    title: `QA scorecard: ${meta.fileName}`,
    generatedAt: opts.now ?? new Date(),
    rubric: sc ? `${sc.rubricName} v${sc.rubricVersion}` : null,
    redacted: opts.redacted,
  });
  const { doc } = r;
  header(r, 'Call scorecard', meta.agent ? meta.agent : meta.fileName, `${meta.fileName}  ·  ${dateTime(meta.callAt)}`);
  keyValues(r, [
    ['Agent', meta.agent ?? ''], ['Queue', meta.queue ?? ''], ['Duration', clock(meta.durationSec)],
    ['Customer', meta.customer ?? ''], ['Call id', meta.externalCallId ?? ''], ['Direction', meta.direction ?? ''],
    ['Status', meta.status], ['Reviewed', meta.reviewedAt ? `${date(meta.reviewedAt)}${meta.reviewedBy ? ` by ${meta.reviewedBy}` : ''}` : 'Not yet'],
    ['Analysis', record.analysisModel ? `${record.analysisModel}, ${record.analyzedAt ? date(record.analyzedAt) : ''}` : 'None'],
  ]);

  if (!analysis || !sc) {
    paragraph(r, 'This call has not been analysed yet: there is no scorecard to report.', { color: theme.muted });
  } else {
    const final = record.final?.scorePct ?? sc.scorePct;
    const overridden = [...record.overrides.values()].filter((o) => o.overridden).length;
    // The final outcome and reason come from the call's derived record (the reviewer's where overridden).
    const outcome = meta.outcome ?? analysis.outcome;
    const outcomeOverridden = outcome !== analysis.outcome;
    const callReason = meta.callReason ?? analysis.callReason;
    const passed = sc.criteria.filter((c) => ['yes', '4', '5'].includes(shownAnswer(record, c.id, c.answer).answer)).length;
    statTiles(r, [
      { label: 'Final score', value: pct(final), color: scoreColor(final), note: record.final?.autoFailed ? 'Auto-failed' : overridden ? `AI score ${pct(sc.scorePct)}` : 'As scored by AI' },
      { label: 'Criteria passed', value: `${passed} / ${sc.criteria.length}` },
      { label: 'Outcome', value: `${outcomeLabel(outcome)}${outcomeOverridden ? '*' : ''}`, note: outcomeOverridden ? `Reviewer’s; AI said ${outcomeLabel(analysis.outcome)}` : `Sentiment ${analysis.sentiment.start} → ${analysis.sentiment.end}` },
      { label: 'Overrides', value: String(overridden), note: overridden ? 'Reviewer changed answers' : 'None' },
    ]);
    heading(r, 'Summary');
    paragraph(r, analysis.summary || '—');
    if (callReason) paragraph(r, `Reason for the call: ${callReason}${callReason !== analysis.callReason ? '*' : ''}`, { color: theme.muted, size: 9 });

    heading(r, 'Scorecard');
    table<ScorecardCriterion>(r, [
      { header: 'Section', width: 0.16, cell: (c) => c.section, color: () => theme.muted },
      { header: 'Criterion', width: 0.5, cell: (c) => `${c.question}${c.autoFail ? '  (auto-fail)' : ''}` },
      {
        header: 'Answer', width: 0.13, align: 'center',
        cell: (c) => { const s = shownAnswer(record, c.id, c.answer); return s.overridden ? `${answerText(s.answer)}*` : answerText(s.answer); },
        color: (c) => answerColor(shownAnswer(record, c.id, c.answer).answer), font: () => 'semibold',
      },
      { header: 'Points', width: 0.11, align: 'right', cell: (c) => pointsText(shownPoints(record, c), c.weight) },
      { header: 'Source', width: 0.1, align: 'center', cell: (c) => (c.source === 'rule' ? 'Rule' : 'AI'), color: () => theme.muted },
    ], sc.criteria, {
      detail: (c) => {
        const ev = c.evidence.slice(0, 2).map((e) => { const n = evidenceMatchNote(e); return `[${clock(e.start)}] “${e.quote}”${n ? ` (${n})` : ''}`; }).join('   ');
        const o = record.overrides.get(c.id);
        const ov = o?.overridden ? `Reviewer override: AI said ${answerText(o.aiAnswer)}. ` : '';
        const notes = supportNotes(c).join(' ');
        const text = `${ov}${c.rationale}${ev ? `   ${ev}` : ''}${notes ? `   ${notes}` : ''}`.trim();
        return text || null;
      },
    });
    if (overridden || outcomeOverridden || callReason !== analysis.callReason) paragraph(r, '* Changed by a reviewer; the final score, outcome and figures use the reviewer’s values.', { color: theme.muted, size: 8 });

    if (analysis.compliance.length) {
      heading(r, 'Compliance');
      table(r, [
        { header: 'Item', width: 0.42, cell: (c: (typeof analysis.compliance)[number]) => c.item },
        { header: 'Status', width: 0.13, align: 'center', cell: (c) => c.status.replace('_', ' '), color: (c) => (c.status === 'met' ? theme.good : c.status === 'not_met' ? theme.bad : theme.muted), font: () => 'semibold' },
        { header: 'Evidence', width: 0.45, cell: (c) => c.evidence.slice(0, 1).map((e) => `[${clock(e.start)}] ${e.quote}`).join('') },
      ], analysis.compliance);
    }
    if (analysis.coachingNotes.length) {
      heading(r, 'Coaching notes');
      for (const n of analysis.coachingNotes) paragraph(r, `•  ${n}`);
    }
  }

  if (record.transcript?.segments.length) {
    doc.addPage();
    header(r, 'Appendix', 'Transcript', opts.redacted ? 'Personal data is masked.' : 'Not redacted: contains personal data as spoken.');
    const label = speakerLabeler(record.transcript);
    for (const seg of orderedSegments(record.transcript)) {
      const { name } = label(seg);
      r.ensure(28);
      const y = doc.y;
      doc.font('medium').fontSize(8).fillColor(theme.faint).text(clock(seg.start), r.left, y, { width: 36, lineBreak: false });
      // A reviewer's speaker name can be long: it wraps in its column (at most two lines) and the next
      // turn starts below whichever of name and text ends lower, so rows never overlap.
      doc.font('semibold').fontSize(8.5).fillColor(seg.role === 'agent' ? theme.accent : theme.ink);
      const nameH = Math.min(doc.heightOfString(name, { width: 80 }), 22);
      doc.text(name, r.left + 40, y, { width: 80, height: nameH, ellipsis: true });
      doc.font('regular').fontSize(9).fillColor(theme.ink).text(seg.text.trim(), r.left + 124, y, { width: r.width - 124, lineGap: 1.5 });
      doc.y = Math.max(doc.y, y + nameH);
      doc.x = r.left;
      doc.moveDown(0.35);
    }
  }
  return r.finish();
}

