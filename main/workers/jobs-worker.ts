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
      const fn = workerTasks[req.task as WorkerTaskName] as ((a: unknown) => unknown) | undefined;
      if (typeof fn !== 'function') throw new Error(`unknown worker task ${String(req.task)}`);
      res = { id: req.id, ok: true, value: await fn(req.args) };
    } catch (e) {
      const err = e as { name?: string; message?: string; code?: string };
      res = { id: req.id, ok: false, error: { name: err.name ?? 'Error', message: err.message ?? String(e), code: err.code } };
    }
    parentPort!.postMessage(res);
  })();
});
