import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import { ErrorCategory } from '../../../preload/contract/errors.js';
import type { CallMetadata, SidecarReport } from '../../../preload/contract/schemas/recordings.js';
import { fsError } from '../../audio/audio-errors.js';
import { AppError, isAppError, toErrorInfo } from '../../errors.js';
import { startWorker, workerUrl } from '../../util/worker-thread.js';

/**
 * A calls.csv / calls.xlsx next to the recordings, one row per call, matched to files by name. Column
 * names are forgiving (File, file_name, Recording…). A row that cannot be used is reported with its
 * line number and skipped; the rest still apply. A sidecar that cannot be read at all (too big, too
 * many rows, an XLSX that unpacks to too much, a worker out of memory) is the report's `error`; the
 * batch's recordings still import.
 *
 * Parsing runs on a worker thread (sidecar-worker.ts → sidecar-parse.ts), bounded by the limits in
 * sidecar-parse.ts and a SIDECAR_MEMORY_MB heap, so a hostile sidecar can neither stall the API nor
 * take the process down (issue 11).
 */

export interface Sidecar {
  report: SidecarReport;
  /** Lower-cased file name and file stem → metadata. */
  lookup(fileName: string): Partial<CallMetadata> | undefined;
}

const MAX_SIDECAR_BYTES = 50 * 1024 * 1024;
export const SIDECAR_MEMORY_MB = 192;
const resourceLimits: ResourceLimits = { maxOldGenerationSizeMb: SIDECAR_MEMORY_MB };

export type SidecarWorkerRequest = { path: string };
export type SidecarWorkerResponse =
  | { type: 'slice'; entries: [string, Partial<CallMetadata>][]; badRows: SidecarReport['badRows'] }
  | { type: 'done'; report: SidecarReport }
  | { type: 'failed'; error: { isAppError: boolean; category?: string; message: string; hint?: string; details?: Record<string, unknown> } };

export async function readSidecar(path: string): Promise<Sidecar> {
  const report: SidecarReport = { fileName: basename(path), rows: 0, matched: 0, badRows: [] };
  const byName = new Map<string, Partial<CallMetadata>>();
  const lookup = (fileName: string) => {
    const lower = fileName.toLowerCase();
    return byName.get(lower) ?? byName.get(lower.replace(/\.[^.]+$/, ''));
  };
  try {
    const size = (await stat(path).catch((e: unknown) => { throw fsError(path, e); })).size;
    if (size > MAX_SIDECAR_BYTES) throw new AppError('invalid_input', `The sidecar "${basename(path)}" is larger than 50 MB.`, 'Split it, or keep only the rows for the recordings you import.');
    const parsed = await parseInWorker(path);
    for (const [key, meta] of parsed.entries) byName.set(key, meta);
    // A file is also found by its stem, unless another row lists that stem itself.
    for (const [key, meta] of parsed.entries) {
      const stem = key.replace(/\.[^.]+$/, '');
      if (stem !== key && !byName.has(stem)) byName.set(stem, meta);
    }
    Object.assign(report, parsed.report, { badRows: parsed.badRows });
  } catch (e) {
    report.error = isAppError(e)
      ? e.toInfo()
      : { ...toErrorInfo(e), category: 'invalid_input', message: `The sidecar "${basename(path)}" could not be read: ${(e as Error).message}.`, hint: 'Save it again as CSV (UTF-8) or XLSX and retry.' };
  }
  return { report, lookup };
}

/** sidecar-worker.ts beside this file from sources; dist/workers/sidecar.mjs when bundled. */
const sidecarWorkerUrl = (): URL => workerUrl(import.meta.url, './sidecar-worker.ts', 'sidecar', 'SIDECAR_WORKER_PATH');

interface WorkerResult {
  report: SidecarReport;
  entries: [string, Partial<CallMetadata>][];
  badRows: SidecarReport['badRows'];
}

/**
 * One thread per sidecar (they are rare; one thread's start-up is cheap next to parsing), under a
 * SIDECAR_MEMORY_MB heap, stopped when done.
 */
function parseInWorker(path: string): Promise<WorkerResult> {
  const worker = startWorker(sidecarWorkerUrl(), { resourceLimits });
  const fileName = basename(path);
  return new Promise<WorkerResult>((resolve, reject) => {
    const entries: WorkerResult['entries'] = [];
    const badRows: WorkerResult['badRows'] = [];
    let settled = false;
    const finish = (error: Error | null, report?: SidecarReport) => {
      if (settled) return;
      settled = true;
      worker.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
      worker.on('error', () => {}); // late errors of a thread being stopped
      void worker.terminate();
      if (error) reject(error);
      else resolve({ report: report!, entries, badRows });
    };
    worker.on('message', (m: SidecarWorkerResponse) => {
      if (m.type === 'slice') {
        for (const e of m.entries) entries.push(e);
        for (const b of m.badRows) badRows.push(b);
      } else if (m.type === 'done') finish(null, m.report);
      else finish(toError(fileName, m.error));
    });
    worker.on('error', (e: Error & { code?: string }) =>
      finish(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new AppError('invalid_input', `The sidecar "${fileName}" needed more than ${SIDECAR_MEMORY_MB} MB of memory to read and was stopped.`,
            'Save it as CSV (UTF-8), or keep only the rows for the recordings you import.', { cause: e })
          : new AppError('internal', `The sidecar "${fileName}" could not be read: its worker crashed.`, 'Try again. If it keeps happening, send the log file to support.', { cause: e }),
      ),
    );
    worker.on('exit', (code) => finish(new AppError('internal', `The sidecar "${fileName}" could not be read: its worker stopped unexpectedly (exit code ${code}).`, 'Try again.')));
    worker.postMessage({ path } satisfies SidecarWorkerRequest);
  });
}

function toError(fileName: string, e: Extract<SidecarWorkerResponse, { type: 'failed' }>['error']): Error {
  if (!e.isAppError) {
    return new AppError('invalid_input', `The sidecar "${fileName}" could not be read: ${e.message}.`, 'Save it again as CSV (UTF-8) or XLSX and retry.');
  }
  const category = ErrorCategory.safeParse(e.category);
  return new AppError(category.success ? category.data : 'internal', e.message, e.hint ?? 'Try again.', { details: e.details });
}
