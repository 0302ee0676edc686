/* eslint-disable @typescript-eslint/no-deprecated -- docx's run options `bold` and `italics` are matched to String.prototype's legacy HTML methods of the same names */
import type { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import type { CallMeta } from '../call-record.js';
import { prepareText } from '../text-guard.js';
import { orderedSegments, speakerLabeler } from './speakers.js';
import { clock, dateTime } from '../../../preload/contract/time-format.js';

/**
 * Word (DOCX) transcript: the TXT layout as a document a team lead can annotate. A title, the call's
 * facts and the redaction state, then one paragraph per turn: "[mm:ss]" and the speaker's name (the
 * reviewer's, with the role) in bold, then the text. `t` arrives corrected and redacted. The `docx`
 * package is loaded here, and this module is loaded with import() by the export, so start-up never
 * pays for it.
 */
export async function transcriptDocx(t: NormalizedTranscript, meta: CallMeta, opts: { redacted: boolean; now?: Date }): Promise<Buffer> {
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const label = speakerLabeler(t);
  const fact = (k: string, v: string) => new Paragraph({ children: [new TextRun({ text: `${k}: `, bold: true }), new TextRun(v)] });
  const head = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`Transcript: ${meta.fileName}`)] }),
    fact('Date', dateTime(meta.callAt)),
    ...(meta.agent ? [fact('Agent', meta.agent)] : []),
    fact('Duration', clock(meta.durationSec)),
    new Paragraph({
      spacing: { after: 240 },
      children: [new TextRun({ text: opts.redacted ? 'Personal data masked.' : 'NOT REDACTED: contains personal data as spoken.', italics: true, color: opts.redacted ? '5B6474' : 'C53030' })],
    }),
  ];
  const turns = orderedSegments(t).map((seg) => {
    const { name, role } = label(seg);
    const who = name === role ? name : `${name} (${role})`;
    return new Paragraph({
      spacing: { after: 120 },
      children: [
        new TextRun({ text: `[${clock(seg.start)}] `, color: '5B6474' }),
        new TextRun({ text: `${prepareText(who, { maxChars: 200 })}: `, bold: true, color: seg.role === 'agent' ? '2F5BD3' : '1D2433' }),
        // Bounded and breakable like the PDF (text-guard.ts): Word's own layout chokes on huge runs too.
        new TextRun(prepareText(seg.text.trim())),
      ],
    });
  });
  const doc = new Document({
    creator: 'Call Center QA',
    title: `Transcript: ${meta.fileName}`,
    description: `Generated ${(opts.now ?? new Date()).toISOString()}`,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ children: [...head, ...turns] }],
  });
  return Packer.toBuffer(doc);
}
