import type { PoolRequest, PoolResponse } from '../jobs/pool-protocol.js';
import { toWorkerError } from '../util/worker-error.js';
import { workerTasks, type WorkerTaskName } from './jobs-tasks.js';

/**
 * Worker-thread side of the jobs pool (piscina calls the default export; bundled to
 * dist/workers/jobs.mjs). Answers with the task's value or the error as main/util/worker-error.ts
 * carries it across threads (an AppError's category and hint would not survive structured clone).
 */
export default async function runTask(req: PoolRequest): Promise<PoolResponse> {
  try {
    if (!Object.hasOwn(workerTasks, req.task)) throw new Error(`unknown worker task ${req.task}`);
    const tasks = workerTasks as Record<WorkerTaskName, (a: unknown) => unknown>;
    return { ok: true, value: await tasks[req.task as WorkerTaskName](req.args) };
  } catch (e) {
    return { ok: false, error: toWorkerError(e) };
  }
}
