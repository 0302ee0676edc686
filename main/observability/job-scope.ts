import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span } from '@opentelemetry/api';

/**
 * Which job the current async work belongs to, set by the scheduler around each step attempt. The
 * provider traffic recorder reads it to tie a request to its recording without every SDK call site
 * passing ids along.
 */
export interface JobScope {
  recordingId: number;
  jobId: number;
  step: string;
  attempt: number;
  /** The attempt's span `step.<step>` (a no-op span with tracing off). */
  span?: Span;
}
export const jobScope = new AsyncLocalStorage<JobScope>();

/** What a provider call site knows about the request it is about to make and HTTP does not. */
export interface RequestFacts {
  /** Seconds of audio in this upload (one chunk, or the whole file). */
  audioSec?: number;
  /** Characters of text sent (prompt + transcript). */
  charsSent?: number;
}
const facts = new AsyncLocalStorage<RequestFacts>();

/** Run one provider SDK call with the facts its HTTP request(s) are recorded with. */
export function withRequestFacts<T>(f: RequestFacts, call: () => Promise<T>): Promise<T> {
  return facts.run(f, call);
}
export const currentRequestFacts = (): RequestFacts | undefined => facts.getStore();
