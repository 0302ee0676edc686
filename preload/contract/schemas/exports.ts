import { z } from 'zod';
import { CallFilter, CallSort } from './calls.js';

/**
 * Exports and reports as they cross the boundary: the query of a data export (the Calls list's
 * filters plus an explicit selection), the redaction choice, the list of recent exports, and the
 * progress event of a long export.
 */

export const dataFormats = ['csv', 'xlsx', 'json'] as const;
export const DataFormat = z.enum(dataFormats);
export type DataFormat = z.infer<typeof DataFormat>;

export const transcriptFormats = ['txt', 'srt', 'vtt', 'docx'] as const;
export const TranscriptFormat = z.enum(transcriptFormats);
export type TranscriptFormat = z.infer<typeof TranscriptFormat>;

export const exportKinds = ['calls.csv', 'calls.xlsx', 'calls.json', 'report.pdf', 'evidence.html', 'transcript.txt', 'transcript.srt', 'transcript.vtt', 'transcript.docx', 'agent.pdf', 'team.pdf'] as const;
export const ExportKind = z.enum(exportKinds);
export type ExportKind = z.infer<typeof ExportKind>;

/**
 * Redaction is on unless the caller says exactly `redact=false` (a query string is text: "0", "no" or
 * a typo keep redaction on, so a slip never leaks personal data).
 */
export const RedactFlag = z.preprocess((v) => !(v === false || v === 'false'), z.boolean())
  .meta({ description: 'Masks the PII categories of the redactCategories setting unless exactly "false"; an unredacted export is recorded in the audit trail.', example: 'true' });
const boolFlag = z.preprocess((v) => v === true || v === 'true' || v === '1', z.boolean());

export const ExportCallsQuery = CallFilter.extend({
  sort: CallSort.optional().meta({ description: 'Sort column.', example: 'date' }),
  dir: z.enum(['asc', 'desc']).optional().meta({ description: 'Sort direction.', example: 'desc' }),
  redact: RedactFlag,
  exportId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().meta({ description: 'Client-chosen id that tags the exports.progress events of this export.', example: 'exp-1' }),
});
export type ExportCallsQuery = z.infer<typeof ExportCallsQuery>;

export const RecordingExportQuery = z.object({
  redact: RedactFlag,
  audio: boolFlag.meta({ description: 'Evidence pack only: embed the audio (silenced where redacted) as a data URL.', example: 'true' }),
});
export type RecordingExportQuery = z.infer<typeof RecordingExportQuery>;

/** YYYY-MM-DD, the end date inclusive. */
const day = z.iso.date();
const from = day.meta({ description: 'First day (YYYY-MM-DD), inclusive.', example: '2024-05-01' });
const to = day.meta({ description: 'Last day (YYYY-MM-DD), inclusive.', example: '2024-05-31' });
// exceptIds: forced for a reviewer scoring calls blind in calibration (main/contract/blindness.ts).
export const AgentReportQuery = z.object({ agent: z.string().min(1).max(200).meta({ description: 'Agent name.', example: 'Dana Ruiz' }), from, to, redact: RedactFlag, exceptIds: CallFilter.shape.exceptIds });
export type AgentReportQuery = z.infer<typeof AgentReportQuery>;
export const TeamReportQuery = z.object({ from, to, queue: z.string().max(200).optional().meta({ description: 'Only this queue.', example: 'billing' }), redact: RedactFlag, exceptIds: CallFilter.shape.exceptIds });
export type TeamReportQuery = z.infer<typeof TeamReportQuery>;

export const RecentExport = z.object({
  id: z.string(),
  kind: ExportKind,
  fileName: z.string(),
  /** The API path (with query) that produced it: the UI offers "download again". */
  path: z.string(),
  redacted: z.boolean(),
  actor: z.string(),
  at: z.string(),
  /** Rows (data exports) or bytes written (documents). */
  rows: z.number().int().nullable(),
  bytes: z.number().int().nullable(),
});
export type RecentExport = z.infer<typeof RecentExport>;

export const ExportProgress = z.object({
  exportId: z.string(),
  kind: ExportKind,
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  finished: z.boolean(),
});
export type ExportProgress = z.infer<typeof ExportProgress>;

/** Write an export to a local file (the Electron save dialog picks `path`, then calls this). */
export const WriteExportInput = z.object({
  /** The API path of the export, e.g. `/api/v1/recordings/3/report.pdf?redact=true`. */
  path: z.string().startsWith('/api/v1/').max(4000),
  /** Absolute destination path. */
  destination: z.string().min(1).max(4000),
});
export type WriteExportInput = z.infer<typeof WriteExportInput>;
