import { before, digitRuns, isMoney, type PiiDocument } from './document.js';
import type { RawFinding } from './types.js';

/** PINs and passcodes: a 4-6 digit number answering a PIN request ("what's your PIN?" / "passcode"). */
const PIN_CONTEXT = /\bpin\b|pin number|pass ?code|security pin|memorable number|access code|telephone banking code/;

export function detectPins(doc: PiiDocument): RawFinding[] {
  const out: RawFinding[] = [];
  for (const run of digitRuns(doc)) {
    if (run.digits.length < 4 || run.digits.length > 6 || isMoney(doc, run.start, run.end)) continue;
    if (!PIN_CONTEXT.test(before(doc, run.start, 100))) continue;
    out.push({ category: 'pin', docStart: run.start, docEnd: run.end, confidence: 0.85 });
  }
  return out;
}
