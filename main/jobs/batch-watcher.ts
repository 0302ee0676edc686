import type { QueueSummary } from '../../preload/contract/schemas/queue.js';
import type { EventBus } from '../events/event-bus.js';

/** Steps that are moving on their own; waiting for a key (waiting_config) needs the user, so it is not. */
const busy = (c: QueueSummary['counts']) =>
  (c.queued ?? 0) + (c.running ?? 0) + (c.waiting_retry ?? 0) + (c.waiting_network ?? 0) > 0;

/**
 * Tells the user when a batch is finished: the queue going from busy to idle. Emits
 * `queue.batchFinished` (the desktop shows an OS notification) and an `app.notice` toast with what
 * happened in the batch: done, failed, and waiting for setup.
 *
 * The batch is measured from the last idle state, not from the first busy summary: summaries are
 * coalesced to one a second, so by the first one some steps may already be done. `initialCounts`
 * (read from the database before the queue starts) is that idle state for the first batch.
 */
export function watchBatches(bus: EventBus, initialCounts: () => QueueSummary['counts'] = () => ({})): () => void {
  let idle: QueueSummary['counts'] = initialCounts();
  let start: QueueSummary['counts'] | null = null;
  return bus.subscribe((name, payload) => {
    if (name !== 'queue.summary') return;
    const { counts } = payload as QueueSummary;
    if (busy(counts)) {
      start ??= idle;
      return;
    }
    idle = counts;
    if (!start) return;
    const delta = (k: keyof QueueSummary['counts']) => Math.max(0, (counts[k] ?? 0) - (start?.[k] ?? 0));
    const result = { done: delta('done'), failed: delta('failed'), needsSetup: counts.waiting_config ?? 0 };
    start = null;
    bus.emit('queue.batchFinished', result);
    const parts = [`${result.done} step${result.done === 1 ? '' : 's'} done`];
    if (result.failed) parts.push(`${result.failed} failed`);
    if (result.needsSetup) parts.push(`${result.needsSetup} waiting for setup`);
    bus.emit('app.notice', {
      level: result.failed ? 'warning' : 'success',
      message: `Processing finished: ${parts.join(', ')}.`,
    });
  });
}
