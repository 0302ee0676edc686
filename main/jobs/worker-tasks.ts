import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { localAnalyticsTasks } from '../domains/local-analytics/worker-tasks.js';

/**
 * CPU work the step runners hand to the worker pool (runs inside main/jobs/worker.ts). Each task takes
 * and returns structured-cloneable values. Add a task here and call it with `pool.run('name', args)`.
 */
export const workerTasks = {
  /** SHA-256 of a file, streamed (recordings can be hundreds of MB). */
  async sha256File(args: { path: string }): Promise<{ sha256: string; bytes: number }> {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of createReadStream(args.path, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    return { sha256: hash.digest('hex'), bytes };
  },
  /** Busy CPU for `ms` (tests prove the main loop stays responsive while workers burn). */
  spin(args: { ms: number }): { spunMs: number } {
    const t0 = performance.now();
    let x = 0;
    while (performance.now() - t0 < args.ms) x += Math.sqrt(x + 1);
    return { spunMs: Math.round(performance.now() - t0) };
  },
  /** Offline analytics of a transcript (issue 6). */
  ...localAnalyticsTasks,
};

export type WorkerTasks = typeof workerTasks;
export type WorkerTaskName = keyof WorkerTasks;
export type WorkerTaskArgs<K extends WorkerTaskName> = Parameters<WorkerTasks[K]>[0];
export type WorkerTaskResult<K extends WorkerTaskName> = Awaited<ReturnType<WorkerTasks[K]>>;

export type PoolRequest = { id: number; task: WorkerTaskName; args: unknown };
export type PoolResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };
