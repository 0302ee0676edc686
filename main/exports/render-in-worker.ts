import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { fromWorkerError } from '../util/worker-error.js';
import { startWorker, workerUrl } from '../util/worker-thread.js';
import type { RenderRequest, RenderResponse, RenderTask } from './render-tasks.js';

/**
 * Caller side of the render worker (render-worker.ts): PDF layout and DOCX packing run on worker
 * threads so no export can stall the API (issue 11 item 3). The data was gathered on this thread; the
 * bytes stream back into the export's Writable chunk by chunk, acknowledged only while that stream
 * accepts more (backpressure). Each task is bounded: the thread gets RENDER_MEMORY_MB of heap and
 * RENDER_TIME_LIMIT_MS of time, after which it is terminated and the export fails with an AppError.
 * Threads are reused (a fresh one spends ~1 s loading pdfkit and its fonts), at most
 * `maxThreads` at once, unref'd while idle and stopped after IDLE_MS.
 */
export const RENDER_TIME_LIMIT_MS = 120_000;
export const RENDER_MEMORY_MB = 512;
const IDLE_MS = 30_000;
const resourceLimits: ResourceLimits = { maxOldGenerationSizeMb: RENDER_MEMORY_MB, maxYoungGenerationSizeMb: 64 };
const maxThreads = Math.max(1, Math.min(2, availableParallelism() - 1));

/** render-worker.ts beside this file from sources; dist/workers/exports.mjs when bundled. */
const renderWorkerUrl = (): URL => workerUrl(import.meta.url, './render-worker.ts', 'exports', 'EXPORTS_WORKER_PATH');
const spawn = (): Worker => startWorker(renderWorkerUrl(), { resourceLimits });

interface Idle {
  worker: Worker;
  timer: NodeJS.Timeout;
  onExit: () => void;
}
const idle: Idle[] = [];
let busy = 0;
const waiting: (() => void)[] = [];

async function acquire(): Promise<Worker> {
  while (busy >= maxThreads) await new Promise<void>((r) => waiting.push(r));
  busy++;
  const reused = idle.pop();
  if (reused) {
    clearTimeout(reused.timer);
    reused.worker.off('exit', reused.onExit);
    reused.worker.ref();
    return reused.worker;
  }
  return spawn();
}

function release(worker: Worker, healthy: boolean): void {
  busy--;
  waiting.shift()?.();
  if (!healthy) {
    void worker.terminate();
    return;
  }
  worker.unref();
  // A thread that dies while idle, or idles IDLE_MS, is dropped (a new one starts on demand).
  const drop = () => {
    const i = idle.indexOf(entry);
    if (i >= 0) idle.splice(i, 1);
    clearTimeout(entry.timer);
  };
  const entry: Idle = {
    worker,
    timer: setTimeout(() => {
      drop();
      worker.off('exit', drop);
      void worker.terminate();
    }, IDLE_MS),
    onExit: drop,
  };
  entry.timer.unref();
  idle.push(entry);
  worker.once('exit', drop);
}

/**
 * A call's transcript bytes move to the worker instead of being copied (the task is sent once; the
 * caller does not use the rows afterwards). Only a buffer that is wholly this array is moved: a slice
 * of a shared pool is copied first.
 */
function transferables(task: RenderTask): ArrayBuffer[] {
  if (task.kind !== 'callReport' && task.kind !== 'transcriptDocx') return [];
  const rows = task.call.rows;
  const body = rows.transcriptBody;
  if (!(body instanceof Uint8Array)) return [];
  if (body.byteOffset !== 0 || body.byteLength !== body.buffer.byteLength || !(body.buffer instanceof ArrayBuffer)) {
    rows.transcriptBody = body.slice();
  }
  return [(rows.transcriptBody as Uint8Array).buffer as ArrayBuffer];
}

const what = (task: RenderTask) => (task.kind === 'transcriptDocx' ? 'Word transcript' : 'PDF report');


/**
 * Render `task` on a worker thread into `out`, and end `out`. Resolves with the page count (PDFs) or
 * null (DOCX); rejects with an AppError when the layout fails, runs out of memory or time, or `out`
 * closes first (the client went away): the thread is then stopped, not left running.
 */
export async function renderInWorker(task: RenderTask, out: Writable, opts: { timeLimitMs?: number } = {}): Promise<number | null> {
  const limitMs = opts.timeLimitMs ?? RENDER_TIME_LIMIT_MS;
  const worker = await acquire();
  return new Promise<number | null>((resolve, reject) => {
    let settled = false;
    let unacked = 0;
    let draining = false;
    let endedWith: number | null | undefined; // set once `done` arrived and `out` is being ended
    const post = (m: RenderRequest) => worker.postMessage(m);
    const onDrain = () => {
      draining = false;
      for (; unacked > 0; unacked--) post({ type: 'ack' });
    };
    const finish = (error: Error | null, value: number | null, healthy: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      out.off('drain', onDrain).off('close', onClose).off('error', onOutError);
      release(worker, healthy);
      if (error) reject(error);
      else resolve(value);
    };
    const onMessage = (m: RenderResponse) => {
      if (m.type === 'chunk') {
        const ok = out.write(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength));
        if (ok && !draining) return post({ type: 'ack' });
        unacked++;
        if (!draining) {
          draining = true;
          out.once('drain', onDrain);
        }
        return;
      }
      if (m.type === 'failed') return finish(fromWorkerError(m.error, `laying out the ${what(task)}`), null, true);
      // Every chunk arrived before `done`: end the destination and resolve once it has flushed.
      endedWith = m.pages;
      out.end(() => finish(null, m.pages, true));
    };
    const onError = (e: Error & { code?: string }) => {
      const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish(
        oom
          ? new AppError('invalid_input', `The ${what(task)} needed more than ${RENDER_MEMORY_MB} MB of memory to lay out and was stopped.`, 'Export a shorter date range or a shorter call; if it is one call, export its transcript as TXT instead.', { cause: e })
          : new AppError('internal', `The ${what(task)} worker crashed.`, 'Try again. If it keeps happening, send the log file to support.', { cause: e }),
        null,
        false,
      );
    };
    const onExit = (code: number) =>
      finish(new AppError('internal', `The ${what(task)} worker stopped unexpectedly (exit code ${code}).`, 'Try again.'), null, false);
    const onClose = () =>
      endedWith !== undefined ? finish(null, endedWith, true) : finish(new AppError('internal', `The ${what(task)} was cancelled: its destination closed before it was finished.`, 'Download it again.'), null, false);
    const onOutError = (e: Error) => finish(e, null, false);
    const timer = setTimeout(() => {
      finish(
        new AppError('internal', `The ${what(task)} took longer than ${Math.round(limitMs / 1000)} s to lay out and was stopped, so it could not hold the app up.`, 'Export a shorter date range or a shorter call (TXT transcripts have no layout step). If a normal-sized export does this, send the log file to support.', { details: { limitMs } }),
        null,
        false,
      );
    }, limitMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    out.on('close', onClose).on('error', onOutError);
    worker.postMessage({ type: 'run', task } satisfies RenderRequest, transferables(task));
  });
}
