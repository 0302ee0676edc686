import type { ExportKind } from '../../../../preload/contract/schemas/exports.js';

/** What the Reports view offers, and what each kind needs as its scope. */
export type Scope = 'call' | 'agent' | 'team' | 'filter';

export interface KindInfo {
  kind: ExportKind;
  label: string;
  scope: Scope;
  /** How the preview shows it ('table': CSV as a table). */
  preview: 'pdf' | 'html' | 'text' | 'table' | 'none';
}

export const kinds: KindInfo[] = [
  { kind: 'report.pdf', label: 'Call scorecard (PDF)', scope: 'call', preview: 'pdf' },
  { kind: 'evidence.html', label: 'Evidence pack (HTML)', scope: 'call', preview: 'html' },
  { kind: 'transcript.txt', label: 'Transcript (TXT)', scope: 'call', preview: 'text' },
  { kind: 'transcript.srt', label: 'Subtitles (SRT)', scope: 'call', preview: 'text' },
  { kind: 'transcript.vtt', label: 'Subtitles (VTT)', scope: 'call', preview: 'text' },
  { kind: 'transcript.docx', label: 'Transcript (Word DOCX)', scope: 'call', preview: 'none' },
  { kind: 'agent.pdf', label: 'Agent report (PDF)', scope: 'agent', preview: 'pdf' },
  { kind: 'team.pdf', label: 'Team summary (PDF)', scope: 'team', preview: 'pdf' },
  { kind: 'calls.csv', label: 'Calls data (CSV)', scope: 'filter', preview: 'table' },
  { kind: 'calls.xlsx', label: 'Calls data (XLSX)', scope: 'filter', preview: 'none' },
  { kind: 'calls.json', label: 'Calls data (JSON)', scope: 'filter', preview: 'text' },
];

export const kindInfo = (k: ExportKind) => kinds.find((x) => x.kind === k)!;
