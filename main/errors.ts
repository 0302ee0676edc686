import type { ErrorCategory, ErrorInfo } from '../preload/contract/errors.js';

/**
 * The one error type the core throws on purpose. It carries the category every layer understands
 * and a hint that tells the user what to do next. Anything else that escapes a handler is a bug and
 * surfaces as `internal` without its stack (see toErrorInfo).
 */
export class AppError extends Error {
  readonly category: ErrorCategory;
  readonly hint: string;
  /** Extra machine-readable facts (HTTP status, provider request id, retryAfterSec...). */
  readonly details: Record<string, unknown>;

  constructor(
    category: ErrorCategory,
    message: string,
    hint: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.category = category;
    this.hint = hint;
    this.details = options.details ?? {};
  }

  toInfo(): ErrorInfo {
    return { category: this.category, message: this.message, hint: this.hint };
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** The one answer for an id that names no recording (deleted, or never there). */
export const noSuchRecording = (id: number): AppError =>
  new AppError('not_found', `There is no recording #${id}.`, 'It may have been deleted. Reload the list of calls.');

/** Anything thrown → what may cross a boundary. Unknown errors never leak their stack or internals. */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (isAppError(e)) return e.toInfo();
  return {
    category: 'internal',
    message: 'Something went wrong inside the app.',
    hint: 'Try again. If it keeps happening, send the log file (Settings → About → Open logs) to support.',
  };
}
