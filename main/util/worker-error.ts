import { ErrorCategory } from '../../preload/contract/errors.js';
import { AppError, isAppError } from '../errors.js';

/**
 * An error as it crosses a worker-thread boundary. Structured clone keeps an Error's message but not
 * an AppError's category, hint or details, which the queue's failure classification and the UI need;
 * every worker (audio, jobs, exports) sends this instead and the pool side rebuilds the AppError.
 */
export interface WorkerErrorInfo {
  name: string;
  isAppError: boolean;
  category: string;
  message: string;
  hint: string;
  details: Record<string, unknown>;
}

/** Worker side: what to send back for a failed task. */
export function toWorkerError(e: unknown): WorkerErrorInfo {
  const err = e instanceof Error ? e : new Error(String(e));
  const app = isAppError(e);
  return {
    name: err.name,
    isAppError: app,
    category: app ? e.category : 'internal',
    message: err.message,
    hint: app ? e.hint : '',
    details: app ? (JSON.parse(JSON.stringify(e.details)) as Record<string, unknown>) : {}, // drop what cannot be cloned
  };
}

/**
 * Pool side: the AppError the worker threw, an AbortError for an aborted task, or — for anything
 * unexpected (a bug, not the user's input) — an `internal` AppError saying what was being done, with
 * the worker's own message kept in the details for the log.
 */
export function fromWorkerError(e: WorkerErrorInfo, doing: string): Error {
  if (e.name === 'AbortError') return Object.assign(new Error(e.message), { name: 'AbortError' });
  if (!e.isAppError) {
    return new AppError('internal', `Something went wrong while ${doing}.`, 'Try again. If it keeps happening, send the log file to support.', {
      details: { workerError: e.message },
    });
  }
  const category = ErrorCategory.safeParse(e.category);
  return new AppError(category.success ? category.data : 'internal', e.message, e.hint, { details: e.details });
}
