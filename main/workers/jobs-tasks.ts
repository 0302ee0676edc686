import { sha256File } from '../audio/hash.js';
import { localAnalyticsTasks } from '../domains/local-analytics/worker-tasks.js';

/**
 * CPU work the step runners hand to the jobs pool (main/jobs/worker-pool.ts); runs inside
 * main/workers/jobs-worker.ts. Each task takes and returns structured-cloneable values. Add a task here
 * and call it with `pool.run('name', args)`. It lives outside main/jobs/ because the domains
 * contribute tasks and the queue knows no domain.
 */
export const workerTasks = {
  /** SHA-256 of a file, streamed (recordings can be hundreds of MB). */
  async sha256File(args: { path: string }): Promise<{ sha256: string }> {
    return { sha256: await sha256File(args.path) };
  },
  /** Offline analytics of a transcript (issue 6). */
  ...localAnalyticsTasks,
};

export type WorkerTasks = typeof workerTasks;
export type WorkerTaskName = keyof WorkerTasks;
export type WorkerTaskArgs<K extends WorkerTaskName> = Parameters<WorkerTasks[K]>[0];
export type WorkerTaskResult<K extends WorkerTaskName> = Awaited<ReturnType<WorkerTasks[K]>>;

