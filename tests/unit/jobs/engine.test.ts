import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/errors.js';
import { countByState, fakeRunner, insertRecordings, jobRows, queueHarness, sleep, waitFor, type Harness } from '../../helpers/queue-harness.js';

const twoSteps = { a: [], b: ['a'] } as const;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const allDone = (hh: Harness, n: number) => () => (countByState(hh.db).done ?? 0) === n;

describe('queue engine', () => {
  it('runs each recording through the chain in order, one result per step', async () => {
    const order: string[] = [];
    const run = (name: string) => fakeRunner((ctx) => (order.push(`${ctx.job.recordingId}:${name}`), { kind: 'done' }));
    h = await queueHarness({ pipeline: twoSteps, runners: { a: run('a'), b: run('b') } });
    const ids = insertRecordings(h.db, 5);
    for (const id of ids) h.queue.service.enqueue(id);
    await waitFor(allDone(h, 10));
    for (const id of ids) expect(order.indexOf(`${id}:a`)).toBeLessThan(order.indexOf(`${id}:b`));
    expect(order).toHaveLength(10);
    expect(jobRows(h.db).every((j) => j.attempts === 1)).toBe(true);
  });

  it('retries transient failures on a growing schedule, then succeeds', async () => {
    const starts: number[] = [];
    h = await queueHarness({
      pipeline: { a: [] }, backoff: { initialMs: 40, maxMs: 2000 },
      runners: {
        a: fakeRunner(() => {
          starts.push(Date.now());
          if (starts.length <= 3) throw new AppError('provider', 'boom', 'h', { details: { status: 503 } });
          return { kind: 'done' };
        }),
      },
    });
    h.queue.service.enqueue(insertRecordings(h.db, 1)[0]!);
    await waitFor(allDone(h, 1));
    expect(starts).toHaveLength(4);
    expect(jobRows(h.db)[0]!.attempts).toBe(4);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(5);
  });

  it('honours Retry-After', async () => {
    const starts: number[] = [];
    h = await queueHarness({
      pipeline: { a: [] },
      runners: {
        a: fakeRunner(() => {
          starts.push(Date.now());
          if (starts.length === 1) throw new AppError('rate_limit', 'slow down', 'h', { details: { status: 429, retryAfterSec: 0.6 } });
          return { kind: 'done' };
        }),
      },
    });
    h.queue.service.enqueue(insertRecordings(h.db, 1)[0]!);
    await waitFor(() => (countByState(h!.db).waiting_retry ?? 0) === 1);
    expect(jobRows(h.db)[0]!.nextRunAt - starts[0]!).toBeGreaterThanOrEqual(600);
    await waitFor(allDone(h, 1));
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(590);
  });

  it('fails permanent errors at once with the hint, transient ones after maxAttempts', async () => {
    let calls = 0;
    h = await queueHarness({
      pipeline: { a: [] }, maxAttempts: 3,
      runners: {
        a: fakeRunner((ctx) => {
          calls++;
          if (ctx.job.recordingId % 2) throw new AppError('auth', 'Key rejected (401).', 'Check the API key in Settings → API keys.', { details: { status: 401 } });
          throw new AppError('provider', 'Server error (500).', 'Retries by itself.', { details: { status: 500 } });
        }, { concurrency: 2 }),
      },
      breaker: { threshold: 100, halfOpenAfterMs: 1000 },
    });
    const [odd, even] = insertRecordings(h.db, 2);
    h.queue.service.enqueue(odd!);
    h.queue.service.enqueue(even!);
    await waitFor(() => (countByState(h!.db).failed ?? 0) === 2);
    const rows = h.queue.service.list({ limit: 10, offset: 0 }).jobs;
    const perm = rows.find((j) => j.recordingId === odd)!;
    const trans = rows.find((j) => j.recordingId === even)!;
    expect(perm.attempts).toBe(1);
    expect(perm.error).toEqual({ category: 'auth', message: 'Key rejected (401).', hint: 'Check the API key in Settings → API keys.' });
    expect(trans.attempts).toBe(3);
    expect(trans.error?.message).toContain('gave up after 3 attempts');
    expect(calls).toBe(4);
  });

  it('cancel during a run aborts the step and drops its result', async () => {
    let aborted = false;
    let persisted = false;
    h = await queueHarness({
      pipeline: { a: [] },
      runners: {
        a: fakeRunner(async (ctx) => {
          await new Promise<void>((res) => ctx.signal.addEventListener('abort', () => ((aborted = true), res()), { once: true }));
          return { kind: 'done', persist: () => (persisted = true) };
        }),
      },
    });
    const id = insertRecordings(h.db, 1)[0]!;
    h.queue.service.enqueue(id);
    await waitFor(() => h!.queue.scheduler.inFlight === 1);
    expect(h.queue.service.cancel(id).changed).toBe(1);
    await waitFor(() => h!.queue.scheduler.inFlight === 0);
    expect(aborted).toBe(true);
    expect(persisted).toBe(false);
    expect(jobRows(h.db)[0]!.state).toBe('cancelled');
    // Retry brings it back with a fresh budget.
    expect(h.queue.service.retry(id).changed).toBe(1);
    await waitFor(() => h!.queue.scheduler.inFlight === 1);
  });

  it('pause stops new work; resume continues where it left off', async () => {
    let started = 0;
    h = await queueHarness({ pipeline: twoSteps, runners: { a: fakeRunner(() => (started++, { kind: 'done' })), b: fakeRunner(() => (started++, { kind: 'done' })) } });
    h.queue.service.pause();
    const ids = insertRecordings(h.db, 3);
    for (const id of ids) h.queue.service.enqueue(id);
    await sleep(200);
    expect(started).toBe(0);
    expect(countByState(h.db)).toEqual({ paused: 3 });
    expect(h.queue.service.summary().paused).toBe(true);
    h.queue.service.resume();
    await waitFor(allDone(h, 6));
    expect(started).toBe(6);
  });

  it('runs higher-priority recordings first', async () => {
    const order: number[] = [];
    h = await queueHarness({ pipeline: { a: [] }, start: false, runners: { a: fakeRunner((ctx) => (order.push(ctx.job.recordingId), { kind: 'done' }), { concurrency: 1 }) } });
    const ids = insertRecordings(h.db, 6);
    for (const id of ids) h.queue.scheduler.enqueue(id);
    h.queue.service.prioritize([ids[4]!], 10);
    h.queue.service.prioritize([ids[2]!], 5);
    h.queue.start();
    await waitFor(allDone(h, 6));
    expect(order).toEqual([ids[4], ids[2], ids[0], ids[1], ids[3], ids[5]]);
  });

  it('skips the provider when the output already exists (idempotent re-run after a crash)', async () => {
    let runs = 0;
    const existing = new Set<number>();
    h = await queueHarness({
      pipeline: { a: [] },
      runners: { a: fakeRunner(() => (runs++, { kind: 'done' }), {}, (ctx) => existing.has(ctx.job.recordingId)) },
    });
    const ids = insertRecordings(h.db, 2);
    existing.add(ids[0]!);
    for (const id of ids) h.queue.service.enqueue(id);
    await waitFor(allDone(h, 2));
    expect(runs).toBe(1);
    // An explicit re-run ignores the existing output.
    h.queue.service.rerun([ids[0]!], 'a');
    await waitFor(() => runs === 2);
    await waitFor(allDone(h, 2));
  });

  it('re-run of a step resets it and the steps after it', async () => {
    const runs: string[] = [];
    h = await queueHarness({
      pipeline: { a: [], b: ['a'], c: ['b'] },
      runners: Object.fromEntries(['a', 'b', 'c'].map((s) => [s, fakeRunner(() => (runs.push(s), { kind: 'done' }))])),
    });
    const id = insertRecordings(h.db, 1)[0]!;
    h.queue.service.enqueue(id);
    await waitFor(allDone(h, 3));
    runs.length = 0;
    expect(h.queue.service.rerun([id], 'b').changed).toBe(1);
    await waitFor(allDone(h, 3));
    expect(runs).toEqual(['b', 'c']);
  });
});
