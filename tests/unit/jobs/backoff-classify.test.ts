import { BrokenCircuitError, TaskCancelledError } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/errors.js';
import { retryDelayMs } from '../../../main/jobs/backoff.js';
import { classify } from '../../../main/jobs/classify.js';
import { downstreamOf, unlockedSteps } from '../../../main/jobs/pipeline.js';

// A fixed DAG for the helpers (the app's own lives in main/jobs/pipeline.ts and may grow).
const defaultPipeline = { probe: [], transcribe: ['probe'], analyze: ['transcribe'], metrics: ['transcribe'], index: ['analyze', 'metrics'] };

const opts = { initialMs: 1000, maxMs: 60_000 };

describe('retry schedule', () => {
  it('grows exponentially with jitter and stays under the cap', () => {
    const mean = (n: number) => {
      let sum = 0;
      for (let i = 0; i < 400; i++) sum += retryDelayMs(n, opts);
      return sum / 400;
    };
    const m1 = mean(1), m3 = mean(3), m5 = mean(5);
    expect(m1).toBeGreaterThan(200);
    expect(m1).toBeLessThan(3000);
    expect(m3).toBeGreaterThan(m1 * 1.8);
    expect(m5).toBeGreaterThan(m3 * 1.8);
    for (let n = 1; n < 30; n++) expect(retryDelayMs(n, opts)).toBeLessThanOrEqual(60_000);
    // Jitter: a batch that failed together does not retry at the same instant.
    expect(new Set(Array.from({ length: 20 }, () => retryDelayMs(2, opts))).size).toBeGreaterThan(10);
  });

  it('never retries sooner than Retry-After, even beyond the cap', () => {
    for (let i = 0; i < 50; i++) expect(retryDelayMs(1, opts, 7)).toBeGreaterThanOrEqual(7000);
    expect(retryDelayMs(1, { initialMs: 10, maxMs: 100 }, 120)).toBe(120_000);
  });
});

describe('classification', () => {
  const app = (category: ConstructorParameters<typeof AppError>[0], details: Record<string, unknown> = {}) =>
    new AppError(category, 'm', 'h', { details });

  it('fails at once on auth, invalid input, unsupported media and other 4xx', () => {
    for (const e of [app('auth', { status: 401 }), app('invalid_input', { status: 422 }), app('unsupported_media'), app('provider', { status: 400 })]) {
      expect(classify(e, 5).kind).toBe('permanent');
    }
  });

  it('retries network, 408, 429, 5xx and timeouts; only outages trip the breaker', () => {
    const cases: [unknown, boolean][] = [
      [app('network'), true],
      [app('provider', { status: 408 }), true],
      [app('provider', { status: 500 }), true],
      [app('provider', { status: 503 }), true],
      [new TaskCancelledError(), true],
      [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), true],
      [new TypeError('fetch failed'), true],
      [app('rate_limit', { status: 429, retryAfterSec: 3 }), false],
    ];
    for (const [e, trips] of cases) {
      const v = classify(e, 5);
      expect(v.kind).toBe('transient');
      expect(v.tripsBreaker).toBe(trips);
    }
    expect(classify(app('rate_limit', { retryAfterSec: 3 }), 5).retryAfterSec).toBe(3);
    expect(classify(new TaskCancelledError(), 5).error.message).toContain('5 s');
  });

  it('an open circuit means waiting, not failing', () => {
    expect(classify(new BrokenCircuitError(), 5).kind).toBe('circuit');
  });
});

describe('pipeline', () => {
  it('unlocks metrics and analyze after transcribe, index only after both', () => {
    expect(unlockedSteps(defaultPipeline, 'transcribe', new Set(['probe', 'transcribe'])).sort()).toEqual(['analyze', 'metrics']);
    expect(unlockedSteps(defaultPipeline, 'analyze', new Set(['probe', 'transcribe', 'analyze']))).toEqual([]);
    expect(unlockedSteps(defaultPipeline, 'metrics', new Set(['probe', 'transcribe', 'analyze', 'metrics']))).toEqual(['index']);
    expect(downstreamOf(defaultPipeline, 'analyze').sort()).toEqual(['analyze', 'index']);
  });
});
