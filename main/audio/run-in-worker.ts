import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { fromWorkerError } from '../util/worker-error.js';
import { startWorker, workerUrl } from '../util/worker-thread.js';
import type {
  AudioTask,
  AudioTaskResults,
  AudioTaskStats,
  MetricsTaskOptions,
  ProbeAndHash,
  ProbeAndHashOptions,
  WorkerRequest,
  WorkerResponse,
} from './audio-tasks.js';
import type { AudioMetrics } from '../../preload/contract/schemas/audio-metrics.js';

/**
 * Caller side of the audio worker: a pool of long-lived worker threads (starting one costs ~150 ms, more
 * than most tasks), each running up to `tasksPerWorker` tasks at once; relays aborts per task and turns
 * the worker's error messages back into AppErrors. A crashed or stuck thread fails only its own tasks
 * and is replaced on demand. Idle threads are unref'd, so they never keep the process alive, and are
 * stopped after `idleMs`. Runs in
 * the main process / browser-mode server; nothing heavy happens on its thread.
 */

/** worker.ts beside this file from sources; dist/workers/audio.mjs when bundled. AUDIO_WORKER_PATH overrides. */
export const audioWorkerUrl = (): URL => workerUrl(import.meta.url, './worker.ts', 'audio', 'AUDIO_WORKER_PATH');

export interface RunOptions {
  signal?: AbortSignal;
}

export interface TaskOutcome<T> {
  value: T;
  stats: AudioTaskStats;
}

export interface AudioWorkerPoolOptions {
  /** Threads at most (default: one per core, 2..4). */
  size?: number;
  /** Tasks one thread runs at once: >1 for I/O-bound work (import: read, hash, fsync), 1 for decoding. */
  tasksPerWorker?: number;
  /**
   * 'foreground' (the import the reviewer is watching) or 'background' (pipeline work such as metrics).
   * A background pool starts no new task while any foreground task is queued or running in this
   * process: on a 2-core machine a batch import would otherwise share the CPU with hundreds of
   * full-file decodes it just caused, and take twice as long. Running tasks are never interrupted.
   */
  priority?: 'foreground' | 'background';
  /** A thread idle this long is stopped, giving back its memory (default 30 s). */
  idleMs?: number;
}

/** Foreground tasks queued or running, process-wide; background pools wait for 0. */
let foregroundTasks = 0;
const backgroundPools = new Set<AudioWorkerPool>();

function foregroundDelta(n: number): void {
  foregroundTasks += n;
  if (foregroundTasks === 0) for (const p of [...backgroundPools]) p.resume();
}

/**
 * Mark foreground audio work in progress for longer than its worker tasks (a whole import batch, so
 * background decodes do not slip in between its files). Call the returned function once done.
 */
export function holdForeground(): () => void {
  let held = true;
  foregroundDelta(1);
  return () => {
    if (!held) return;
    held = false;
    foregroundDelta(-1);
  };
}

interface Pending {
  id: number;
  task: AudioTask;
  signal: AbortSignal | undefined;
  resolve(v: TaskOutcome<unknown>): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  tasks: Map<number, Pending>;
  /** The thread has loaded its code (its first message). */
  ready: boolean;
  idleTimer?: NodeJS.Timeout;
}

const defaultSize = (): number => Math.max(2, Math.min(4, availableParallelism()));

export class AudioWorkerPool {
  readonly size: number;
  readonly tasksPerWorker: number;
  readonly priority: 'foreground' | 'background';
  private readonly idleMs: number;
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: AudioWorkerPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? defaultSize());
    this.tasksPerWorker = Math.max(1, options.tasksPerWorker ?? 1);
    this.priority = options.priority ?? 'background';
    this.idleMs = options.idleMs ?? 30_000;
  }

  /** How many tasks run at once when every thread is busy. */
  get capacity(): number {
    return this.size * this.tasksPerWorker;
  }

  /** Run one task on a pooled thread. Rejects with an AppError (or AbortError). */
  run<K extends AudioTask['kind']>(task: Extract<AudioTask, { kind: K }>, options: RunOptions = {}): Promise<TaskOutcome<AudioTaskResults[K]>> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.closed) return Promise.reject(new AppError('internal', 'The audio workers are shutting down.', 'Try again after restarting the app.'));
    return new Promise<TaskOutcome<AudioTaskResults[K]>>((resolve, reject) => {
      const onAbort = (): void => this.abort(job);
      const foreground = this.priority === 'foreground';
      const done = (): void => {
        signal?.removeEventListener('abort', onAbort);
        if (foreground) foregroundDelta(-1);
      };
      const job: Pending = {
        id: this.nextId++, task, signal,
        resolve: (v) => (done(), resolve(v as TaskOutcome<AudioTaskResults[K]>)),
        reject: (e) => (done(), reject(e)),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (foreground) foregroundDelta(1);
      this.waiting.push(job);
      this.pump();
    });
  }

  probeAndHash(path: string, options: ProbeAndHashOptions & RunOptions = {}): Promise<ProbeAndHash> {
    const { signal, ...rest } = options;
    return this.run({ kind: 'probeAndHash', path, options: rest }, { signal }).then((o) => o.value);
  }

  audioMetrics(path: string, options: MetricsTaskOptions & RunOptions = {}): Promise<AudioMetrics> {
    const { signal, ...rest } = options;
    return this.run({ kind: 'metrics', path, options: rest }, { signal }).then((o) => o.value);
  }

  /** A background pool's queue moves again (the foreground work is done). */
  resume(): void {
    backgroundPools.delete(this);
    if (!this.closed) this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    backgroundPools.delete(this);
    const closing = new AppError('internal', 'The audio workers are shutting down.', 'Try again after restarting the app.');
    for (const job of this.waiting.splice(0)) job.reject(closing);
    const slots = this.slots.splice(0);
    for (const s of slots) for (const job of s.tasks.values()) job.reject(closing);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    if (this.priority === 'background' && foregroundTasks > 0 && this.waiting.length) {
      backgroundPools.add(this);
      return;
    }
    while (this.waiting.length) {
      let slot: Slot | undefined;
      for (const s of this.slots) if (s.tasks.size < this.tasksPerWorker && (!slot || s.tasks.size < slot.tasks.size)) slot = s;
      // Spread tasks over threads before doubling them up on one, starting threads one at a time: each
      // spends ~100 ms of CPU loading its code, and four at once would starve the main thread.
      const canStart = this.slots.length < this.size && this.slots.every((x) => x.ready);
      if ((!slot || slot.tasks.size > 0) && canStart) slot = this.spawn();
      if (!slot) return;
      const job = this.waiting.shift()!;
      slot.tasks.set(job.id, job);
      clearTimeout(slot.idleTimer);
      if (slot.tasks.size === 1) slot.worker.ref(); // a running task keeps the process alive
      slot.worker.postMessage({ type: 'run', id: job.id, task: job.task } satisfies WorkerRequest);
    }
  }

  private abort(job: Pending): void {
    const queued = this.waiting.indexOf(job);
    if (queued >= 0) {
      this.waiting.splice(queued, 1);
      return job.reject(abortError(job.signal!));
    }
    const slot = this.slots.find((s) => s.tasks.get(job.id) === job);
    if (!slot) return;
    slot.worker.postMessage({ type: 'abort', id: job.id } satisfies WorkerRequest);
    // The worker kills its ffmpeg on abort and replies; if it does not in time, the thread is stuck.
    const timer = setTimeout(() => {
      if (slot.tasks.get(job.id) !== job) return;
      this.retire(slot, new AppError('internal', 'The audio worker did not stop when asked.', 'Try again.'));
    }, 2000);
    timer.unref();
  }

  private settle(slot: Slot, id: number): Pending | undefined {
    const job = slot.tasks.get(id);
    if (!job) return undefined;
    slot.tasks.delete(id);
    if (slot.tasks.size === 0) {
      slot.worker.unref();
      // A long decode can leave a big heap behind; an idle thread is cheap to start again later.
      slot.idleTimer = setTimeout(() => {
        if (slot.tasks.size === 0) this.retire(slot, new Error('idle'));
      }, this.idleMs);
      slot.idleTimer.unref();
    }
    return job;
  }

  private spawn(): Slot {
    const worker = startWorker(audioWorkerUrl());
    const slot: Slot = { worker, tasks: new Map(), ready: false };
    this.slots.push(slot);
    worker.on('message', (msg: WorkerResponse) => {
      if (msg.type === 'ready') {
        slot.ready = true;
        return this.pump();
      }
      const job = this.settle(slot, msg.id);
      if (job) {
        if (job.signal?.aborted) job.reject(abortError(job.signal));
        else if (msg.type === 'done') job.resolve({ value: msg.value, stats: msg.stats });
        else job.reject(fromWorkerError(msg.error, 'reading the audio'));
      }
      this.pump();
    });
    worker.on('error', (e) =>
      this.retire(slot, new AppError('internal', 'The audio worker crashed.', 'Try again. If it keeps happening, send the log file to support.', { cause: e })),
    );
    worker.on('exit', (code) => this.retire(slot, new AppError('internal', `The audio worker stopped unexpectedly (exit code ${code}).`, 'Try again.')));
    return slot;
  }

  /** Take a thread out of the pool, failing what it was running (aborted tasks fail as aborted). */
  private retire(slot: Slot, error: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    clearTimeout(slot.idleTimer);
    for (const job of slot.tasks.values()) job.reject(job.signal?.aborted ? abortError(job.signal) : error);
    slot.tasks.clear();
    void slot.worker.terminate();
    if (!this.closed) this.pump();
  }
}

let shared: AudioWorkerPool | null = null;

/** The process-wide pool behind runAudioTask (metrics and one-off probes): one task per thread. */
export function sharedAudioPool(): AudioWorkerPool {
  shared ??= new AudioWorkerPool({ tasksPerWorker: 1 });
  return shared;
}

/** Run one audio task on the shared pool. Rejects with an AppError (or AbortError). */
export function runAudioTask<K extends AudioTask['kind']>(
  task: Extract<AudioTask, { kind: K }>,
  options: RunOptions = {},
): Promise<TaskOutcome<AudioTaskResults[K]>> {
  return sharedAudioPool().run(task, options);
}

export function probeAndHashInWorker(path: string, options: ProbeAndHashOptions & RunOptions = {}): Promise<ProbeAndHash> {
  return sharedAudioPool().probeAndHash(path, options);
}

export function audioMetricsInWorker(path: string, options: MetricsTaskOptions & RunOptions = {}): Promise<AudioMetrics> {
  return sharedAudioPool().audioMetrics(path, options);
}


function abortError(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  return r instanceof Error ? r : Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}
