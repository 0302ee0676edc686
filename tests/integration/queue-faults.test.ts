import { afterAll, describe, expect, it } from 'vitest';
import { countByState, insertRecordings, jobRows, queueHarness, sleep, waitFor, type Harness } from '../helpers/queue-harness.js';
import { callQueueFakeProvider, startQueueFakeProvider, type QueueFakeProvider } from '../helpers/queue-fake-provider.js';
import type { StepRunner } from '../../main/jobs/types.js';

/**
 * Fault test: 30% of provider requests fail (429 with Retry-After: 1, 500, 503, hang until the client
 * times out, connection reset) and in the middle of the batch the provider is unreachable for 10 s.
 * Every recording must finish, no job may exceed its attempt limit, and while the circuit is open only
 * half-open probes may reach the provider.
 */
const RECORDINGS = 60;
const OUTAGE_MS = 10_000;
const HALF_OPEN_MS = 1000;
const MAX_ATTEMPTS = 10;

let h: Harness | undefined;
let provider: QueueFakeProvider | undefined;
afterAll(async () => {
  await h?.close();
  await provider?.close();
});

describe('queue under provider faults and an outage', () => {
  it('finishes every recording within the attempt limit; the breaker stops traffic except probes', async () => {
    provider = await startQueueFakeProvider({
      latencyMs: 80,
      faults: { seed: 42, retryAfterSeconds: 1, mix: { rate_limit: 0.06, server_error: 0.06, unavailable: 0.06, timeout: 0.06, reset: 0.06 } },
    });
    const url = provider.url;
    const step = (name: string): StepRunner => ({
      placement: () => ({ provider: 'fake', lane: `fake:${name}`, concurrency: 4 }),
      run: async (ctx) => (await callQueueFakeProvider(url, `/${name}?rec=${ctx.job.recordingId}`, ctx.signal), { kind: 'done' }),
    });
    const circuitLog: { at: number; circuit: string }[] = [];
    h = await queueHarness({
      pipeline: { transcribe: [], analyze: ['transcribe'] },
      runners: { transcribe: step('transcribe'), analyze: step('analyze') },
      maxAttempts: MAX_ATTEMPTS,
      timeoutMs: 1000,
      backoff: { initialMs: 100, maxMs: 1500 },
      breaker: { threshold: 5, halfOpenAfterMs: HALF_OPEN_MS },
      onProviderChanged: () => circuitLog.push({ at: Date.now(), circuit: h?.queue.scheduler.providers()[0]?.circuit ?? '?' }),
    });
    for (const id of insertRecordings(h.db, RECORDINGS)) h.queue.service.enqueue(id);

    await sleep(500);
    expect(countByState(h.db).done ?? 0).toBeLessThan(RECORDINGS * 2);
    const outageStart = Date.now();
    provider.setOutage(true);
    let sawWaitingNetwork = 0;
    while (Date.now() - outageStart < OUTAGE_MS) {
      sawWaitingNetwork = Math.max(sawWaitingNetwork, countByState(h.db).waiting_network ?? 0);
      await sleep(100);
    }
    provider.setOutage(false);
    const outageEnd = Date.now();

    await waitFor(() => (countByState(h!.db).done ?? 0) === RECORDINGS * 2, 60_000, 'every step done');

    // Everything finished, and within the attempt limit.
    expect(countByState(h.db)).toEqual({ done: RECORDINGS * 2 });
    expect(Math.max(...jobRows(h.db).map((j) => j.attempts))).toBeLessThanOrEqual(MAX_ATTEMPTS);

    // The faults really happened.
    const outcomes = new Map<string, number>();
    for (const r of provider.requests) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    for (const o of ['ok', 'rate_limit', 'server_error', 'unavailable', 'timeout', 'reset', 'outage']) expect(outcomes.get(o) ?? 0).toBeGreaterThan(0);

    // During the outage the circuit opened, jobs waited for network, and only probes got through.
    const opened = circuitLog.find((c) => c.circuit === 'open' && c.at >= outageStart);
    expect(opened, JSON.stringify(circuitLog)).toBeDefined();
    expect(sawWaitingNetwork).toBeGreaterThan(0);
    const duringOpen = provider.requests.filter((r) => r.at > opened!.at + 50 && r.at < outageEnd);
    const maxProbes = Math.ceil((outageEnd - opened!.at) / HALF_OPEN_MS) + 1;
    expect(duringOpen.length, `requests while open: ${duringOpen.length}, probe windows: ${maxProbes}`).toBeLessThanOrEqual(maxProbes);
    expect(duringOpen.length).toBeGreaterThanOrEqual(Math.floor(maxProbes / 2));
    console.info(`[queue-faults] requests=${provider.requests.length} outcomes=${JSON.stringify(Object.fromEntries(outcomes))} maxAttempts=${Math.max(...jobRows(h.db).map((j) => j.attempts))} whileOpen=${duringOpen.length}/${maxProbes} probe windows`);
    // And the breaker closed again once a probe succeeded.
    expect(circuitLog.some((c) => c.circuit === 'closed' && c.at >= outageEnd)).toBe(true);
  });
});
