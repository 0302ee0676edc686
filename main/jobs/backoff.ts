import { ExponentialBackoff, decorrelatedJitterGenerator, type IBackoff } from 'cockatiel';

export interface BackoffOptions {
  /** First retry delay (ms). */
  initialMs: number;
  /** Cap of any retry delay (ms), except a longer Retry-After, which always wins. */
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 2_000, maxMs: 5 * 60_000 };

/**
 * Delay before retry number `failures` (1 = after the first failed attempt). The schedule comes from
 * cockatiel's ExponentialBackoff with decorrelated jitter (so a batch that failed together does not
 * retry together); it is walked from the start because the attempt count lives in SQLite, not in a
 * policy object that would die with the process. A provider's Retry-After is a floor, never shortened.
 */
export function retryDelayMs(failures: number, opts: BackoffOptions, retryAfterSec?: number): number {
  const factory = new ExponentialBackoff({ initialDelay: opts.initialMs, maxDelay: opts.maxMs, generator: decorrelatedJitterGenerator });
  let b: IBackoff<unknown> = factory.next();
  for (let i = 1; i < Math.max(1, failures); i++) b = b.next(undefined);
  const jittered = Math.min(opts.maxMs, Math.max(0, b.duration));
  const floor = retryAfterSec !== undefined ? retryAfterSec * 1000 : 0;
  return Math.round(Math.max(jittered, floor));
}
