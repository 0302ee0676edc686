import type { PiiDocument } from './document.js';
import type { RawFinding } from './types.js';

/**
 * Dates of birth: the first date (spoken, "twelfth of March nineteen eighty five", or written,
 * "12/03/1985") after "date of birth / born / DOB / birthday", within a short reach. Other dates in the
 * call (bills, payments) are not personal data and are left alone.
 */
const DOB_RE = /date of birth|\bdob\b|\bd o b\b|\bborn\b|birthday|birth ?date/g;
const NUMERIC_DATE_RE = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/g;
const REACH = 150;

interface DateSpan {
  start: number;
  end: number;
  hasYear: boolean;
}

function datesIn(doc: PiiDocument): DateSpan[] {
  const out: DateSpan[] = [];
  doc.norms.forEach((n, i) => {
    const base = doc.segStarts[i]!;
    for (const d of n.dates) out.push({ start: base + d.normStart, end: base + d.normEnd, hasYear: d.year !== null });
  });
  for (const m of doc.text.matchAll(NUMERIC_DATE_RE)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    // Day/month in either order (UK or US); anything else is not a date.
    if (a < 1 || b < 1 || (a > 12 && b > 12) || a > 31 || b > 31) continue;
    out.push({ start: m.index, end: m.index + m[0].length, hasYear: true });
  }
  // "born in 1985" alone is a year, kept out: a year is not enough to identify anyone.
  return out.sort((x, y) => x.start - y.start);
}

export function detectDatesOfBirth(doc: PiiDocument): RawFinding[] {
  const dates = datesIn(doc);
  if (dates.length === 0) return [];
  const out: RawFinding[] = [];
  const taken = new Set<number>();
  let di = 0;
  for (const k of doc.lower.matchAll(DOB_RE)) {
    const from = k.index;
    while (di < dates.length && dates[di]!.start < from) di++;
    const d = dates[di];
    if (!d || d.start - from > REACH || taken.has(d.start)) continue;
    taken.add(d.start);
    out.push({ category: 'date_of_birth', docStart: d.start, docEnd: d.end, confidence: d.hasYear ? 0.9 : 0.7 });
  }
  // "12 March 1985 is my date of birth": the keyword after the date.
  for (const d of dates) {
    if (taken.has(d.start)) continue;
    if (/^[\s,.]*(?:is|was)?\s*(?:my|his|her|the)?\s*(?:date of birth|birthday|dob)\b/.test(doc.lower.slice(d.end, d.end + 40))) {
      taken.add(d.start);
      out.push({ category: 'date_of_birth', docStart: d.start, docEnd: d.end, confidence: d.hasYear ? 0.85 : 0.65 });
    }
  }
  return out;
}
