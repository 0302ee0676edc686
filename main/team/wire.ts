import type { ErrorCategory } from '../../preload/contract/errors.js';
import { AppError, isAppError } from '../errors.js';
import type { ProviderExchange } from '../observability/provider-traffic.js';

/**
 * What travels between the storage service (the API process) and the worker services. The BullMQ
 * job names a step attempt and nothing else; its input is fetched from the API and its result sent
 * back to it, so the database stays the one truth and a stale attempt is refused at both ends.
 */

/** Bumped when the job data, the input/result routes or a computation's shape change incompatibly. */
export const TEAM_PROTOCOL = 1;

/** The BullMQ job of one step attempt. `jobId` + `fence` (the claim's fencing token) name it exactly. */
export interface StepJobData {
  jobId: number;
  fence: number;
  recordingId: number;
  step: string;
  attempt: number;
  /** W3C traceparent of the API's attempt span: the worker's spans join the recording's trace. */
  traceParent: string | null;
}

/** BullMQ job id of an attempt: the same attempt enqueued twice is one job. */
export const attemptKey = (jobId: number, fence: number): string => `${jobId}-${fence}`;

/** One BullMQ queue per step, so a worker takes only the steps it serves. */
export const stepQueueName = (step: string): string => `step-${step}`;

/** A computation's failure as it crosses the wire: an AppError's category, words and facts. */
export interface WireError {
  category: ErrorCategory;
  message: string;
  hint: string;
  details?: Record<string, unknown>;
}

/**
 * A computation's outcome, with the provider exchanges it made (the API records them in its egress
 * ledger and metrics as if they had left from there: what left for the providers, whoever sent it).
 */
export type WireOutcome = ({ ok: true; result: unknown } | { ok: false; error: WireError }) & { exchanges?: ProviderExchange[] };

export function errorToWire(e: unknown): WireError {
  if (isAppError(e)) return { category: e.category, message: e.message, hint: e.hint, details: e.details };
  // A bug on the worker: say so without its stack (that stays in the worker's log).
  return {
    category: 'internal',
    message: `The worker failed: ${e instanceof Error ? e.message : String(e)}`,
    hint: 'The step retries by itself; if it keeps failing, send the worker\'s log to support.',
  };
}

/** The same AppError on this side, so retries, the breaker and "waiting for a key" act on it as if local. */
export const errorFromWire = (w: WireError): AppError => new AppError(w.category, w.message, w.hint, { details: w.details ?? {} });
