import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { fromWorkerError } from '../util/worker-error.js';
import { workerEntry, workerUrl } from '../util/worker-thread.js';
import type { WorkerTaskArgs, WorkerTaskName, WorkerTaskResult } from '../workers/jobs-tasks.js';
import type { PoolRequest, PoolResponse } from './pool-protocol.js';

/** main/workers/jobs-worker.ts from sources; dist/workers/jobs.mjs when bundled (see scripts/build.mjs). */
export const jobsWorkerUrl = (): URL => workerUrl(import.meta.url, '../workers/jobs-worker.ts', 'jobs');

/**
 * The steps' CPU work (hashing, local analysis...) on a piscina pool, so the main/Electron event loop
 * keeps serving the UI during a batch. Threads start on first use (start-up is a measured target) and
 * leave after 30 s idle; a task whose signal aborts has its thread terminated (piscina), the only way
 * to stop CPU-bound work.
 */
export class WorkerPool {
  private readonly piscina: Piscina<PoolRequest, PoolResponse>;

  constructor(readonly size = Math.max(1, Math.min(4, availableParallelism() - 1)), url = jobsWorkerUrl()) {
    const { filename, workerData } = workerEntry(url);
    this.piscina = new Piscina({ filename: filename.href, workerData, minThreads: 0, maxThreads: size, idleTimeout: 30_000 });
  }

  async run<K extends WorkerTaskName>(task: K, args: WorkerTaskArgs<K>, opts: { signal?: AbortSignal } = {}): Promise<WorkerTaskResult<K>> {
    const res = await this.piscina.run({ task, args }, { signal: opts.signal });
    if (res.ok) return res.value as WorkerTaskResult<K>;
    throw fromWorkerError(res.error, `running the ${task} task`);
  }

  close(): Promise<void> {
    return this.piscina.close({ force: true });
  }

}
