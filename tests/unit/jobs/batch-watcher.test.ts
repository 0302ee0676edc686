import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/events/event-bus.js';
import { watchBatches } from '../../../main/jobs/batch-watcher.js';
import { silentLogger } from '../../../main/logging/logger.js';
import type { QueueSummary } from '../../../preload/contract/schemas/queue.js';

const summary = (counts: Partial<QueueSummary['counts']>): QueueSummary =>
  ({ paused: false, counts: { queued: 0, running: 0, waiting_retry: 0, waiting_network: 0, waiting_config: 0, paused: 0, done: 0, failed: 0, cancelled: 0, ...counts }, activeRecordings: 0, etaSec: null, throughputPerMin: 0, providers: [] }) as QueueSummary;

describe('batch watcher', () => {
  it('announces once when the queue goes from busy to idle, with what happened in the batch', () => {
    const bus = new EventBus(silentLogger());
    const seen: [string, unknown][] = [];
    bus.subscribe((n, p) => seen.push([n, p]));
    watchBatches(bus);
    bus.emit('queue.summary', summary({ done: 10 })); // idle before anything started: nothing to say
    bus.emit('queue.summary', summary({ queued: 4, done: 12 })); // first busy summary: 2 already done
    bus.emit('queue.summary', summary({ running: 2, done: 12 }));
    bus.emit('queue.summary', summary({ done: 15, failed: 1, waiting_config: 2 }));
    bus.emit('queue.summary', summary({ done: 15, failed: 1, waiting_config: 2 })); // still idle: no repeat
    const finished = seen.filter(([n]) => n === 'queue.batchFinished');
    // Measured from the last idle state (10 done), so the 2 steps finished before the first busy
    // summary count too.
    expect(finished).toEqual([['queue.batchFinished', { done: 5, failed: 1, needsSetup: 2 }]]);
    const notice = seen.find(([n]) => n === 'app.notice')?.[1] as { level: string; message: string };
    expect(notice).toEqual({ level: 'warning', message: 'Processing finished: 5 steps done, 1 failed, 2 waiting for setup.' });
  });

  it('treats steps waiting for an API key as not busy (they wait for the user, not the queue)', () => {
    const bus = new EventBus(silentLogger());
    const finished: unknown[] = [];
    bus.subscribe((n, p) => {
      if (n === 'queue.batchFinished') finished.push(p);
    });
    watchBatches(bus);
    bus.emit('queue.summary', summary({ running: 1 }));
    bus.emit('queue.summary', summary({ done: 1, waiting_config: 3 }));
    expect(finished).toEqual([{ done: 1, failed: 0, needsSetup: 3 }]);
  });

  it('counts from the database state before the first batch (steps done before the first summary count)', () => {
    const bus = new EventBus(silentLogger());
    const finished: unknown[] = [];
    bus.subscribe((n, p) => {
      if (n === 'queue.batchFinished') finished.push(p);
    });
    watchBatches(bus, () => ({ done: 40 }));
    bus.emit('queue.summary', summary({ running: 2, done: 43 }));
    bus.emit('queue.summary', summary({ done: 48 }));
    expect(finished).toEqual([{ done: 8, failed: 0, needsSetup: 0 }]);
  });
});
