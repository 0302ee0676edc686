import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import { fromWorkerError } from '../util/worker-error.js';
import { workerEntry, workerUrl } from '../util/worker-thread.js';
import type { WorkerTaskArgs, WorkerTaskName, WorkerTaskResult } from '../workers/jobs-tasks.js';
import type { PoolRequest, PoolResponse } from './pool-protocol.js';

/** main/workers/jobs-worker.ts from sources; dist/workers/jobs.mjs when bundled (see scripts/build.mjs). */
export const jobsWorkerUrl = (): URL => workerUrl(import.meta.url, '../workers/jobs-worker.ts', 'jobs');

/**
 * The steps' CPU work (hashing, local analysis...) on a piscina pool, so the main/Electron event loop
 * keeps serving the UI during a batch. Threads start on first use and leave after 30 s idle; a task
 * whose signal aborts has its thread terminated (piscina), the only way to stop CPU-bound work.
 */
export class WorkerPool {
  private piscina: Promise<Piscina<PoolRequest, PoolResponse>> | null = null;
  private closed = false;

  constructor(readonly size = Math.max(1, Math.min(4, availableParallelism() - 1)), private readonly url = jobsWorkerUrl()) {}

  async run<K extends WorkerTaskName>(task: K, args: WorkerTaskArgs<K>, opts: { signal?: AbortSignal } = {}): Promise<WorkerTaskResult<K>> {
    if (this.closed) throw new Error('worker pool is closed');
    const res = await (await this.open()).run({ task, args }, { signal: opts.signal });
    if (res.ok) return res.value as WorkerTaskResult<K>;
    throw fromWorkerError(res.error, `running the ${task} task`);
  }

  async close(): Promise<void> {
    this.closed = true;
    await (await this.piscina)?.close({ force: true });
  }

  /** piscina is loaded with the first task, not at start-up (a measured target; many launches hash nothing). */
  private open(): Promise<Piscina<PoolRequest, PoolResponse>> {
    return (this.piscina ??= import('piscina').then(({ Piscina }) => {
      const { filename, workerData } = workerEntry(this.url);
      return new Piscina<PoolRequest, PoolResponse>({ filename: filename.href, workerData, minThreads: 0, maxThreads: this.size, idleTimeout: 30_000 });
    }));
  }
}
