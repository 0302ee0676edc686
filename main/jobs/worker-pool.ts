import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker, workerUrl } from '../util/worker-thread.js';
import type { WorkerTaskArgs, WorkerTaskName, WorkerTaskResult } from '../workers/jobs-tasks.js';
import type { PoolRequest, PoolResponse } from './pool-protocol.js';

/**
 * A fixed pool of worker threads for the steps' CPU work (hashing, decoding...), so the main/Electron
 * event loop keeps serving the UI during a batch. Threads start lazily and are reused; a task whose
 * signal aborts gets its thread terminated and replaced (a busy loop cannot be interrupted otherwise).
 */
interface Slot {
  worker: Worker;
  busy: { id: number; resolve: (v: unknown) => void; reject: (e: Error) => void; onAbort?: () => void } | null;
}
interface Pending {
  req: PoolRequest;
  signal?: AbortSignal;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/** main/workers/jobs-worker.ts from sources; dist/workers/jobs.mjs when bundled (see scripts/build.mjs). */
export const jobsWorkerUrl = (): URL => workerUrl(import.meta.url, '../workers/jobs-worker.ts', 'jobs');

const abortError = () => Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly size = Math.max(1, Math.min(4, availableParallelism() - 1)), private readonly url = jobsWorkerUrl()) {}

  run<K extends WorkerTaskName>(task: K, args: WorkerTaskArgs<K>, opts: { signal?: AbortSignal } = {}): Promise<WorkerTaskResult<K>> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    if (opts.signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      this.queue.push({ req: { id: this.nextId++, task, args }, signal: opts.signal, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  get busy(): number {
    return this.slots.filter((s) => s.busy).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('worker pool closed'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const p = this.queue.shift()!;
      if (p.signal?.aborted) {
        p.reject(abortError());
        continue;
      }
      const s = slot;
      const onAbort = () => {
        // Kill the thread: the only way to stop CPU-bound work. A fresh one replaces it on demand.
        this.drop(s, abortError());
      };
      p.signal?.addEventListener('abort', onAbort, { once: true });
      s.busy = {
        id: p.req.id,
        resolve: (v) => (p.signal?.removeEventListener('abort', onAbort), p.resolve(v)),
        reject: (e) => (p.signal?.removeEventListener('abort', onAbort), p.reject(e)),
      };
      s.worker.postMessage(p.req);
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startWorker(this.url), busy: null };
    slot.worker.unref();
    slot.worker.on('message', (res: PoolResponse) => {
      const b = slot.busy;
      if (!b || b.id !== res.id) return;
      slot.busy = null;
      if (res.ok) b.resolve(res.value);
      else b.reject(Object.assign(new Error(res.error.message), { name: res.error.name, code: res.error.code }));
      this.pump();
    });
    slot.worker.on('error', (e) => this.drop(slot, e));
    slot.worker.on('exit', () => this.drop(slot, new Error('worker thread exited')));
    this.slots.push(slot);
    return slot;
  }

  private drop(slot: Slot, e: Error): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    const b = slot.busy;
    slot.busy = null;
    void slot.worker.terminate();
    b?.reject(e);
    if (!this.closed) this.pump();
  }
}
