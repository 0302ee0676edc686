/** Messages between the jobs pool (worker-pool.ts) and its threads (main/workers/jobs-worker.ts). */
export type PoolRequest = { id: number; task: string; args: unknown };
export type PoolResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };
