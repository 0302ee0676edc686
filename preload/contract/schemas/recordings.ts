import { z } from 'zod';
import { ErrorInfo } from '../errors.js';

/**
 * Recordings as they cross the boundary: file facts from probing, call metadata (from the file name
 * pattern, a sidecar CSV/XLSX, or the reviewer), and per-file import results.
 */

export const callDirections = ['inbound', 'outbound'] as const;
export const CallDirection = z.enum(callDirections);

/** The call's business facts. Every field is optional: most exports carry only some of them. */
export const CallMetadata = z.object({
  agent: z.string().nullable(),
  customer: z.string().nullable(),
  account: z.string().nullable(),
  queue: z.string().nullable(),
  campaign: z.string().nullable(),
  /** ISO 8601 (date, or date and time without zone when the source gives local time). */
  callTime: z.string().nullable(),
  direction: CallDirection.nullable(),
  externalCallId: z.string().nullable(),
});
export type CallMetadata = z.infer<typeof CallMetadata>;
export const metadataFields = Object.keys(CallMetadata.shape) as (keyof CallMetadata)[];

const text = z.string().trim().max(200);
/** What the reviewer may change; null clears a field. */
export const MetadataPatch = z.object({
  agent: text.nullable().optional(),
  customer: text.nullable().optional(),
  account: text.nullable().optional(),
  queue: text.nullable().optional(),
  campaign: text.nullable().optional(),
  callTime: z.iso.date().or(z.iso.datetime({ local: true, offset: true })).nullable().optional(),
  direction: CallDirection.nullable().optional(),
  externalCallId: text.nullable().optional(),
});
export type MetadataPatch = z.infer<typeof MetadataPatch>;

/** Where each metadata value came from. */
export const MetadataSource = z.enum(['filename', 'sidecar', 'user']);

export const RecordingView = z.object({
  id: z.number().int(),
  fileName: z.string(),
  originalPath: z.string().nullable(),
  /** The audio the app reads: the library copy, or the original in reference mode. */
  audioPath: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  durationSec: z.number(),
  channels: z.number().int(),
  sampleRate: z.number().int(),
  codec: z.string(),
  container: z.string(),
  bitRate: z.number().int().nullable(),
  /** Two channels: possibly agent (left) and customer (right), measured apart later. */
  stereoSplit: z.boolean(),
  /** Pipeline state (imported → queued → … → done); the queue advances it. */
  status: z.string(),
  metadata: CallMetadata,
  metadataSources: z.record(z.string(), MetadataSource),
  importedAt: z.string(),
  updatedAt: z.string(),
});
export type RecordingView = z.infer<typeof RecordingView>;

/** The answer for one file of an import, in the order the files were given. */
export const ImportFileResult = z.object({
  fileName: z.string(),
  /** Where the file was read from (local path imports only): lets the UI retry it. */
  sourcePath: z.string().optional(),
  ok: z.boolean(),
  recordingId: z.number().int().optional(),
  /** Same content as this recording (already in the library, or imported earlier in this batch). */
  duplicateOf: z.number().int().optional(),
  durationSec: z.number().optional(),
  error: ErrorInfo.optional(),
});
export type ImportFileResult = z.infer<typeof ImportFileResult>;

/** Which count a finished file goes to (the Import view's counts, cca_recordings_imported_total). */
export const importResultKind = (r: ImportFileResult): 'imported' | 'duplicate' | 'failed' =>
  r.ok ? 'imported' : r.duplicateOf !== undefined ? 'duplicate' : 'failed';

/**
 * Whether importing the file again can succeed: an empty, oversized or corrupt file (invalid_input,
 * unsupported_media) fails the same way every time; a missing path, a full disk or a crash may not.
 */
export const importRetryable = (category: ErrorInfo['category']): boolean => category !== 'invalid_input' && category !== 'unsupported_media';

/** A file an import could not bring in, kept (import_failures) until the reviewer dismisses it. */
export const ImportFailure = z.object({
  id: z.number().int(),
  batchId: z.string(),
  /** Epoch ms the batch reported it. */
  createdAt: z.number(),
  fileName: z.string(),
  /** Where it was read from (path imports); absent for uploads, which cannot be retried after a reload. */
  sourcePath: z.string().optional(),
  error: ErrorInfo,
  /** importRetryable(error.category). */
  retryable: z.boolean(),
});
export type ImportFailure = z.infer<typeof ImportFailure>;
export const ImportFailureList = z.object({ failures: z.array(ImportFailure) });
export type ImportFailureList = z.infer<typeof ImportFailureList>;

export const ImportCounts = z.object({
  imported: z.number().int(),
  duplicate: z.number().int(),
  failed: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const SidecarReport = z.object({
  fileName: z.string(),
  rows: z.number().int(),
  matched: z.number().int(),
  badRows: z.array(z.object({ line: z.number().int(), message: z.string() })),
  error: ErrorInfo.optional(),
});
export type SidecarReport = z.infer<typeof SidecarReport>;

export const ImportBatch = z.object({
  batchId: z.string(),
  results: z.array(ImportFileResult),
  counts: ImportCounts,
  sidecars: z.array(SidecarReport),
});
export type ImportBatch = z.infer<typeof ImportBatch>;

export const BatchId = z.string().regex(/^[\w-]{1,64}$/, 'letters, digits, - and _ only');

export const ImportProgress = z.object({
  batchId: z.string(),
  /** Files in the batch; null while an upload is still arriving. */
  total: z.number().int().nullable(),
  done: z.number().int(),
  counts: ImportCounts,
  /** The file that just finished, when exactly one did since the previous event. */
  result: ImportFileResult.optional(),
  /**
   * Every file that finished since the previous event, in the order they finished (events are sent at
   * most every ~100 ms during a batch, so one event can carry many rows). Absent when none did.
   */
  results: z.array(ImportFileResult).optional(),
  finished: z.boolean(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const ListRecordingsInput = z.object({
  status: z.string().max(40).optional(),
  agent: z.string().max(200).optional(),
  queue: z.string().max(200).optional(),
  /** Case-insensitive substring of the file name, agent, customer or external call id. */
  q: z.string().max(200).optional(),
  /** Call time range (ISO dates, inclusive). */
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const RecordingList = z.object({ items: z.array(RecordingView), total: z.number().int() });

/** A metadata sidecar beside recordings is named calls.csv or calls.xlsx (any case): one rule for the app and the UI. */
export const isSidecarName = (fileName: string): boolean => /^calls\.(csv|xlsx)$/i.test(fileName);
