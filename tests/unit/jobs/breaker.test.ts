import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/errors.js';
import { countByState, fakeRunner, insertRecordings, jobRows, queueHarness, sleep, waitFor, type Harness } from '../../helpers/queue-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('circuit breaker per provider', () => {
  it('opens after consecutive outages, lets only probes through, closes on success and resumes waiting jobs', async () => {
    let down = true;
    const calls: { at: number; ok: boolean }[] = [];
    const circuits: string[] = [];
    h = await queueHarness({
      pipeline: { a: [] },
      breaker: { threshold: 3, halfOpenAfterMs: 300 },
      maxAttempts: 3,
      backoff: { initialMs: 10, maxMs: 20 },
      runners: {
        a: fakeRunner(async () => {
          calls.push({ at: Date.now(), ok: !down });
          await sleep(5);
          if (down) throw new AppError('network', 'Could not reach the provider.', 'h');
          return { kind: 'done' };
        }, { concurrency: 1 }),
      },
      onProviderChanged: () => circuits.push(h!.queue.scheduler.providers()[0]!.circuit),
    });
    for (const id of insertRecordings(h.db, 10)) h.queue.service.enqueue(id);
    await waitFor(() => h!.queue.scheduler.providers()[0]?.circuit === 'open', 5000, 'circuit open');
    await waitFor(() => (countByState(h!.db).waiting_network ?? 0) >= 1, 2000, 'waiting_network');
    const openedAt = Date.now();
    const before = calls.length;
    await sleep(1000);
    // ~3 half-open windows in 1 s → at most one probe each (plus one for timer slack).
    const probes = calls.filter((c) => c.at >= openedAt).length;
    expect(probes).toBeGreaterThanOrEqual(1);
    expect(probes).toBeLessThanOrEqual(4);
    expect(calls.length - before).toBe(probes);
    // Nobody burned attempts while waiting for the network, so nothing failed despite maxAttempts 3.
    expect(countByState(h.db).failed ?? 0).toBe(0);
    expect(circuits).toContain('half_open');

    down = false;
    await waitFor(() => (countByState(h!.db).done ?? 0) === 10, 5000, 'all done after recovery');
    expect(h.queue.scheduler.providers()[0]!.circuit).toBe('closed');
    expect(Math.max(...jobRows(h.db).map((j) => j.attempts))).toBeLessThanOrEqual(3);
  });

  it('does not open the circuit on rate limits or bad input', async () => {
    let n = 0;
    h = await queueHarness({
      pipeline: { a: [] }, breaker: { threshold: 2, halfOpenAfterMs: 60_000 },
      runners: {
        a: fakeRunner(() => {
          n++;
          if (n % 2) throw new AppError('rate_limit', '429', 'h', { details: { status: 429, retryAfterSec: 0 } });
          throw new AppError('unsupported_media', 'bad file', 'h');
        }, { concurrency: 1 }),
      },
    });
    for (const id of insertRecordings(h.db, 4)) h.queue.service.enqueue(id);
    await waitFor(() => (countByState(h!.db).failed ?? 0) === 4);
    expect(h.queue.scheduler.providers()[0]!.circuit).toBe('closed');
  });

  it('keeps local work running while a provider is down', async () => {
    h = await queueHarness({
      pipeline: { local: [], remote: [] }, breaker: { threshold: 1, halfOpenAfterMs: 60_000 },
      runners: {
        local: fakeRunner(() => ({ kind: 'done' }), { provider: 'local', lane: 'local' }),
        remote: fakeRunner(() => {
          throw new AppError('network', 'down', 'h');
        }),
      },
    });
    for (const id of insertRecordings(h.db, 5)) h.queue.service.enqueue(id);
    await waitFor(() => (countByState(h!.db).done ?? 0) === 5 && (countByState(h!.db).waiting_network ?? 0) >= 4);
  });
});
