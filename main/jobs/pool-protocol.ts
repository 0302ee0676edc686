import type { WorkerErrorInfo } from '../util/worker-error.js';

/** What the jobs pool (worker-pool.ts) sends its threads (main/workers/jobs-worker.ts) and gets back. */
export type PoolRequest = { task: string; args: unknown };
export type PoolResponse = { ok: true; value: unknown } | { ok: false; error: WorkerErrorInfo };
