import type { QueueSummary } from '../../preload/contract/schemas/queue.js';
import type { EventBus } from '../events/event-bus.js';

/** Steps that are moving on their own; waiting for a key (waiting_config) needs the user, so it is not. */
const busy = (c: QueueSummary['counts']) =>
  (c.queued ?? 0) + (c.running ?? 0) + (c.waiting_retry ?? 0) + (c.waiting_network ?? 0) > 0;

type Counts = Pick<QueueSummary, 'counts' | 'calls'>;
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * Tells the user when a batch is finished: the queue going from busy to idle. Emits
 * `queue.batchFinished` (the desktop shows an OS notification) and an `app.notice` toast with what
 * happened in the batch, in calls (a reviewer's unit; a call's status is callStatusOf of its steps):
 * calls processed, failed, and waiting for setup.
 *
 * The batch is measured from the last idle state, not from the first busy summary: summaries are
 * coalesced to one a second, so by the first one some calls may already be done. `initial` (read from
 * the database before the queue starts) is that idle state for the first batch. Calls processed are the
 * calls that became done or failed, or (a re-run of finished calls changes no count) at least the most
 * calls seen in progress at once that do not now wait for setup.
 */
export function watchBatches(bus: EventBus, initial: () => Counts = () => ({ counts: {}, calls: {} })): () => void {
  let idle: Counts = initial();
  let start: Counts | null = null;
  let mostActive = 0;
  return bus.subscribe((name, payload) => {
    if (name !== 'queue.summary') return;
    const { counts, calls, activeRecordings } = payload as QueueSummary;
    if (busy(counts)) {
      start ??= idle;
      mostActive = Math.max(mostActive, activeRecordings);
      return;
    }
    idle = { counts, calls };
    if (!start) return;
    const from = start.calls;
    const delta = (k: string) => Math.max(0, (calls[k] ?? 0) - (from[k] ?? 0));
    const done = delta('done');
    const failed = delta('failed');
    const needsSetup = calls.waiting ?? 0;
    const result = { processed: Math.max(done + failed, mostActive - needsSetup), done, failed, needsSetup };
    start = null;
    mostActive = 0;
    bus.emit('queue.batchFinished', result);
    const parts = result.processed || !needsSetup ? [`${plural(result.processed, 'call')} processed`] : [];
    if (result.failed) parts.push(`${result.failed} failed`);
    if (result.needsSetup) parts.push(`${plural(result.needsSetup, 'call')} waiting for setup`);
    bus.emit('app.notice', {
      level: result.failed ? 'warning' : 'success',
      message: `Processing finished: ${parts.join(', ')}.`,
    });
  });
}
