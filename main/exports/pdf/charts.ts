import { date } from '../../../preload/contract/time-format.js';
import { scoreColor, theme, type Report } from './doc.js';

/**
 * Charts drawn with the PDF's own vector primitives (crisp at any zoom, selectable labels, no image
 * encoder): a score-over-time line and horizontal pass-rate bars.
 */
export interface Point {
  /** YYYY-MM-DD or an ISO time. */
  at: string;
  value: number;
}

export function lineChart(r: Report, points: Point[], opts: { title: string; height?: number; yLabel?: string }): void {
  const { doc } = r;
  const h = opts.height ?? 150;
  r.ensure(h + 40);
  doc.font('medium').fontSize(9).fillColor(theme.muted).text(opts.title, r.left, doc.y);
  const top = doc.y + 6;
  const axisW = 28;
  const x0 = r.left + axisW;
  const w = r.width - axisW - 6;
  // Y axis 0..100 with gridlines every 25.
  for (const v of [0, 25, 50, 75, 100]) {
    const y = top + h - (v / 100) * h;
    doc.moveTo(x0, y).lineTo(x0 + w, y).lineWidth(0.4).strokeColor(theme.rule).stroke();
    doc.font('regular').fontSize(7).fillColor(theme.faint).text(`${v}`, r.left, y - 3.5, { width: axisW - 6, align: 'right', lineBreak: false });
  }
  if (!points.length) {
    doc.font('regular').fontSize(9).fillColor(theme.faint).text('No scored calls in this period.', x0, top + h / 2 - 5, { width: w, align: 'center' });
  } else {
    const times = points.map((p) => Date.parse(p.at.length === 10 ? `${p.at}T12:00:00Z` : p.at));
    const tMin = Math.min(...times);
    const tMax = Math.max(...times);
    const xAt = (t: number) => (tMax === tMin ? x0 + w / 2 : x0 + ((t - tMin) / (tMax - tMin)) * w);
    const yAt = (v: number) => top + h - (Math.max(0, Math.min(100, v)) / 100) * h;
    points.forEach((p, i) => {
      const x = xAt(times[i]!);
      const y = yAt(p.value);
      if (i === 0) doc.moveTo(x, y);
      else doc.lineTo(x, y);
    });
    doc.lineWidth(1.4).strokeColor(theme.accent).stroke();
    points.forEach((p, i) => doc.circle(xAt(times[i]!), yAt(p.value), 2.4).fillColor(scoreColor(p.value)).fill());
    // First and last date under the axis.
    const fmt = (t: number) => date(new Date(t).toISOString().slice(0, 10));
    doc.font('regular').fontSize(7).fillColor(theme.faint);
    doc.text(fmt(tMin), x0 - 20, top + h + 4, { width: 80, lineBreak: false });
    if (tMax !== tMin) doc.text(fmt(tMax), x0 + w - 60, top + h + 4, { width: 60, align: 'right', lineBreak: false });
  }
  doc.x = r.left;
  doc.y = top + h + 22;
}

export interface Bar {
  label: string;
  /** 0..100 */
  value: number | null;
  note?: string;
}

export function barChart(r: Report, bars: Bar[], opts: { title: string }): void {
  const { doc } = r;
  const rowH = 17;
  r.ensure(Math.min(bars.length, 6) * rowH + 30);
  doc.font('medium').fontSize(9).fillColor(theme.muted).text(opts.title, r.left, doc.y);
  doc.moveDown(0.4);
  const labelW = r.width * 0.42;
  const barX = r.left + labelW + 6;
  const barW = r.width - labelW - 56;
  for (const b of bars) {
    r.ensure(rowH);
    const y = doc.y;
    doc.font('regular').fontSize(8.5).fillColor(theme.ink).text(b.label, r.left, y + 3, { width: labelW, height: 11, ellipsis: true });
    doc.roundedRect(barX, y + 3, barW, 9, 2).fillColor(theme.band).fill();
    if (b.value !== null) {
      doc.roundedRect(barX, y + 3, Math.max(2, (b.value / 100) * barW), 9, 2).fillColor(scoreColor(b.value)).fill();
    }
    doc.font('medium').fontSize(8.5).fillColor(theme.ink)
      .text(b.value === null ? 'n/a' : `${Math.round(b.value)}%`, barX + barW + 6, y + 3, { width: 44, align: 'right', lineBreak: false });
    doc.x = r.left;
    doc.y = y + rowH;
  }
  doc.moveDown(0.6);
}
