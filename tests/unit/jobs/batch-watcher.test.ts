import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/events/event-bus.js';
import { watchBatches } from '../../../main/jobs/batch-watcher.js';
import { silentLogger } from '../../../main/logging/logger.js';
import type { QueueSummary } from '../../../preload/contract/schemas/queue.js';

const summary = (counts: Partial<QueueSummary['counts']>, calls: QueueSummary['calls'], activeRecordings = 0): QueueSummary =>
  ({ paused: false, counts: { queued: 0, running: 0, waiting_retry: 0, waiting_network: 0, waiting_config: 0, paused: 0, done: 0, failed: 0, cancelled: 0, ...counts }, calls, activeRecordings, etaSec: null, throughputPerMin: 0, providers: [] }) as QueueSummary;

describe('batch watcher', () => {
  it('announces once when the queue goes from busy to idle, with what happened in the batch, in calls', () => {
    const bus = new EventBus(silentLogger());
    const seen: [string, unknown][] = [];
    bus.subscribe((n, p) => seen.push([n, p]));
    watchBatches(bus);
    bus.emit('queue.summary', summary({ done: 10 }, { done: 2 })); // idle before anything started: nothing to say
    bus.emit('queue.summary', summary({ queued: 4, done: 12 }, { done: 2, processing: 4 }, 4)); // first busy summary
    bus.emit('queue.summary', summary({ running: 2, done: 20 }, { done: 3, processing: 3 }, 3));
    bus.emit('queue.summary', summary({ done: 25, failed: 1, waiting_config: 2 }, { done: 4, failed: 1, waiting: 1 }));
    bus.emit('queue.summary', summary({ done: 25, failed: 1, waiting_config: 2 }, { done: 4, failed: 1, waiting: 1 })); // still idle: no repeat
    const finished = seen.filter(([n]) => n === 'queue.batchFinished');
    // Measured from the last idle state (2 calls done): 2 more done, 1 failed, and 1 waits for a key;
    // 4 calls were in progress at once and 1 of them waits: 3 were processed.
    expect(finished).toEqual([['queue.batchFinished', { processed: 3, done: 2, failed: 1, needsSetup: 1 }]]);
    const notice = seen.find(([n]) => n === 'app.notice')?.[1] as { level: string; message: string };
    expect(notice).toEqual({ level: 'warning', message: 'Processing finished: 3 calls processed, 1 failed, 1 call waiting for setup.' });
  });

  it('treats steps waiting for an API key as not busy (they wait for the user, not the queue)', () => {
    const bus = new EventBus(silentLogger());
    const finished: unknown[] = [];
    const notices: unknown[] = [];
    bus.subscribe((n, p) => {
      if (n === 'queue.batchFinished') finished.push(p);
      if (n === 'app.notice') notices.push(p);
    });
    watchBatches(bus);
    bus.emit('queue.summary', summary({ running: 1 }, { processing: 1 }, 1));
    bus.emit('queue.summary', summary({ done: 1, waiting_config: 3 }, { waiting: 1 }));
    expect(notices).toEqual([{ level: 'success', message: 'Processing finished: 1 call waiting for setup.' }]);
    expect(finished).toEqual([{ processed: 0, done: 0, failed: 0, needsSetup: 1 }]);
  });

  it('counts from the database state before the first batch (calls done before the first summary count)', () => {
    const bus = new EventBus(silentLogger());
    const seen: [string, unknown][] = [];
    bus.subscribe((n, p) => seen.push([n, p]));
    watchBatches(bus, () => ({ counts: { done: 40 }, calls: { done: 8 } }));
    bus.emit('queue.summary', summary({ running: 2, done: 43 }, { done: 9, processing: 1 }, 1));
    bus.emit('queue.summary', summary({ done: 48 }, { done: 10 }));
    expect(seen.filter(([n]) => n === 'queue.batchFinished').map(([, p]) => p)).toEqual([{ processed: 2, done: 2, failed: 0, needsSetup: 0 }]);
    expect(seen.find(([n]) => n === 'app.notice')?.[1]).toEqual({ level: 'success', message: 'Processing finished: 2 calls processed.' });
  });
});
