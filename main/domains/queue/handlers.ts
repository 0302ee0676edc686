import type { HandlerMap } from '../../contract/registry.js';
import type { Queue } from '../../jobs/index.js';

type QueueHandlers = Pick<
  HandlerMap,
  | 'queue.summary' | 'jobs.list' | 'queue.pause' | 'queue.resume' | 'queue.cancel' | 'queue.cancelAll'
  | 'queue.retry' | 'queue.retryAll' | 'queue.rerun' | 'queue.prioritize' | 'queue.enqueue'
>;

/** The queue's slice of the contract: thin adapters over QueueService (validation happened in the registry). */
export function queueHandlers(queue: Queue): QueueHandlers {
  const s = queue.service;
  return {
    'queue.summary': () => s.summary(),
    'jobs.list': (filter) => s.list(filter),
    'queue.pause': () => s.pause(),
    'queue.resume': () => s.resume(),
    'queue.cancel': ({ id }) => s.cancel(id),
    'queue.cancelAll': () => s.cancel(null),
    'queue.retry': ({ id }) => s.retry(id),
    'queue.retryAll': () => s.retry(null),
    'queue.rerun': ({ recordingIds, step }) => s.rerun(recordingIds, step),
    'queue.prioritize': ({ recordingIds, priority }) => s.prioritize(recordingIds, priority),
    'queue.enqueue': ({ id }) => s.enqueue(id),
  };
}
