import { parentPort } from 'node:worker_threads';
import type { PoolRequest, PoolResponse } from '../jobs/pool-protocol.js';
import { workerTasks, type WorkerTaskName } from './jobs-tasks.js';

/**
 * Worker-thread side of the jobs pool (main/jobs/worker-pool.ts; bundled to dist/workers/jobs.mjs). Runs one task at a time and
 * answers with its value or a plain error description (errors do not survive structured clone intact).
 */
parentPort?.on('message', (req: PoolRequest) => {
  void (async () => {
    let res: PoolResponse;
    try {
      if (!Object.hasOwn(workerTasks, req.task)) throw new Error(`unknown worker task ${req.task}`);
      const tasks = workerTasks as Record<WorkerTaskName, (a: unknown) => unknown>;
      res = { id: req.id, ok: true, value: await tasks[req.task as WorkerTaskName](req.args) };
    } catch (e) {
      const err = e as { name?: string; message?: string; code?: string };
      res = { id: req.id, ok: false, error: { name: err.name ?? 'Error', message: err.message ?? String(e), code: err.code } };
    }
    parentPort!.postMessage(res);
  })();
});
