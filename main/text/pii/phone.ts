import { before, digitRuns, type PiiDocument } from './document.js';
import type { RawFinding } from './types.js';

/**
 * Phone numbers: UK (07.., 01.., 02.., 03.., 08.., +44) and North American (+1, 3-3-4 groups). A bare ten
 * digits with no grouping and no phone words is too often some other number to flag.
 */
const PHONE_CONTEXT = /\b(phone|mobile|landline|telephone|cell|call (?:you|me)(?: back)?|reach (?:you|me)|contact number|text me|whatsapp)\b/;

export function detectPhones(doc: PiiDocument): RawFinding[] {
  const out: RawFinding[] = [];
  for (const run of digitRuns(doc)) {
    let d = run.digits;
    let start = run.start;
    const plus = doc.text.slice(Math.max(0, run.start - 1), run.start) === '+';
    if (plus || doc.text[run.start - 1] === '(') start -= 1;
    const ctx = PHONE_CONTEXT.test(before(doc, start, 120));
    const sizes = run.groups.map((g) => g.digits.length).join('-');
    let confidence = 0;
    if ((plus && d.startsWith('44')) || d.startsWith('0044')) {
      d = d.startsWith('0044') ? d.slice(4) : d.slice(2);
      if (d.startsWith('0')) d = d.slice(1);
      if (d.length === 10) confidence = 0.9;
    } else if (/^07\d{9}$/.test(d)) {
      confidence = 0.9;
    } else if (/^0[123]\d{8,9}$/.test(d)) {
      confidence = 0.85;
    } else if (/^0[58]\d{8,9}$/.test(d)) {
      confidence = ctx ? 0.8 : 0.6;
    } else if (/^1?[2-9]\d{2}[2-9]\d{6}$/.test(d)) {
      const grouped = sizes === '3-3-4' || sizes === '1-3-3-4' || /^\(\d{3}\)/.test(doc.text.slice(start, run.end));
      if (plus && d.length === 11) confidence = 0.85;
      else if (grouped) confidence = ctx ? 0.9 : 0.7;
      else if (ctx) confidence = 0.8;
    }
    if (confidence > 0) {
      if (ctx) confidence = Math.max(confidence, 0.9);
      out.push({ category: 'phone', docStart: start, docEnd: run.end, confidence });
    }
  }
  return out;
}
