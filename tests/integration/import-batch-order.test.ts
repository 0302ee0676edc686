import { describe, expect, it } from 'vitest';
import { BatchOrder } from '../../main/domains/recordings/batch-order.js';

// "First file of the batch with that content" follows the order given, whatever order hashes finish in.

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('BatchOrder', () => {
  it('a file waits for earlier files of the same size to claim their hash, never for other sizes', async () => {
    const order = new BatchOrder();
    const first = order.start(0, '/a.wav', 1000);
    order.start(1, '/b.wav', 1000);
    order.start(2, '/c.wav', 2000);
    const log: string[] = [];
    const second = order.earlierClaimed(1, 1000).then(() => log.push('second'));
    const third = order.earlierClaimed(2, 2000).then(() => log.push('third'));
    await third;
    await tick();
    expect(log).toEqual(['third']); // same size as file 0, which has not claimed yet
    first.claimed();
    await second;
    expect(log).toEqual(['third', 'second']);
  });

  it('a failed or duplicate file releases the ones after it, and claiming twice is harmless', async () => {
    const order = new BatchOrder();
    const failed = order.start(0, '/a.wav', 10);
    const next = order.earlierClaimed(1, 10);
    failed.claimed();
    failed.claimed();
    await expect(next).resolves.toBeUndefined();
  });

  it('without a size hint the size is read from the file (a missing file waits for nobody)', async () => {
    const order = new BatchOrder();
    order.start(0, '/definitely/missing.wav');
    await expect(order.earlierClaimed(1, 0)).resolves.toBeUndefined();
  });
});

describe('a batch as the UI and the queue see it', () => {
  it('progress events carry every file exactly once; the queue hears of each new recording before the last event', async () => {
    const { generateCalls } = await import('../helpers/fixtures.js');
    const { startHarness } = await import('./import-harness.js');
    const calls = generateCalls({ formats: ['wav', 'mp3'] });
    const h = await startHarness();
    try {
      const order: string[] = [];
      h.core.bus.subscribe((name, payload) => {
        if (name === 'recording.imported') order.push('imported');
        if (name === 'import.progress' && (payload as { finished: boolean }).finished) order.push('finished');
      });
      const paths = [...calls.ids.map((id) => calls.file(id, 'wav')), ...calls.ids.map((id) => calls.file(id, 'mp3')), '/missing/x.wav'];
      const batch = await h.service.importPaths(paths, { batchId: 'coalesced' });
      const events = h.events.filter((e) => e.batchId === 'coalesced');
      const carried = events.flatMap((e) => e.results ?? []);
      expect(carried.map((r) => r.fileName).sort()).toEqual(batch.results.map((r) => r.fileName).sort());
      for (const e of events) if (e.results?.length === 1) expect(e.result).toEqual(e.results[0]);
      expect(events.at(-1)).toMatchObject({ finished: true, done: paths.length, total: paths.length });
      expect(events.filter((e) => e.finished)).toHaveLength(1);
      expect(order.filter((o) => o === 'imported')).toHaveLength(batch.counts.imported);
      expect(order.at(-1)).toBe('finished');
    } finally {
      await h.close();
    }
  });
});
