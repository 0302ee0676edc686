import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ErrorCategory } from '../../../preload/contract/errors.js';
import type { ProbeAndHash, ProbeAndHashOptions, WorkerResponse } from '../../audio/audio-tasks.js';
import { audioWorkerUrl } from '../../audio/run-in-worker.js';
import { AppError } from '../../errors.js';

/**
 * A small pool of long-lived audio worker threads for imports. main/audio/run-in-worker.ts starts a
 * fresh thread per task (~150-190 ms of start-up each), which dominated a 1,000-file import; the audio
 * worker already serves many `run` messages in sequence, so here each thread is reused. Probing and
 * hashing never run on the main thread. A crashed thread fails only its task and is replaced.
 */

interface Job {
  path: string;
  options: ProbeAndHashOptions;
  resolve(v: ProbeAndHash): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

export class ProbePool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  private closed = false;

  constructor(readonly size = Math.max(2, Math.min(4, availableParallelism()))) {}

  probeAndHash(path: string, options: ProbeAndHashOptions = {}): Promise<ProbeAndHash> {
    if (this.closed) return Promise.reject(new AppError('internal', 'The import service is shutting down.', 'Try again after restarting the app.'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ path, options, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  private pump(): void {
    while (this.waiting.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.waiting.shift()!;
      slot.job = job;
      slot.worker.postMessage({ type: 'run', task: { kind: 'probeAndHash', path: job.path, options: job.options } });
    }
  }

  private spawn(): Slot {
    const worker = startWorker();
    worker.unref(); // idle import threads never keep the process alive
    const slot: Slot = { worker, job: null };
    this.slots.push(slot);
    worker.on('message', (msg: WorkerResponse) => {
      const job = slot.job;
      slot.job = null;
      if (job) {
        if (msg.type === 'done') job.resolve(msg.value as ProbeAndHash);
        else job.reject(toError(msg.error));
      }
      this.pump();
    });
    const die = (e: unknown) => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      slot.job?.reject(new AppError('internal', 'The audio worker crashed while reading this file.', 'Retry the file. If it keeps happening, send the log file to support.', { cause: e }));
      slot.job = null;
      if (!this.closed) this.pump();
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`exit ${code}`)));
    return slot;
  }
}

/** Same start-up as run-in-worker.ts: a bundled .mjs directly, a .ts source through tsx. */
function startWorker(): Worker {
  const url = audioWorkerUrl();
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = pathToFileURL(join(dirname(pkg), 'dist', 'esm', 'api', 'index.mjs')).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true });
}

function toError(e: Extract<WorkerResponse, { type: 'failed' }>['error']): Error {
  if (!e.isAppError) {
    return new AppError('internal', 'Something went wrong while reading the audio.', 'Try again. If it keeps happening, send the log file to support.', {
      details: { workerError: e.message },
    });
  }
  const category = ErrorCategory.safeParse(e.category);
  return new AppError(category.success ? category.data : 'internal', e.message, e.hint, { details: e.details });
}
