import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { ErrorCategory } from '../../preload/contract/errors.js';
import type {
  AudioTask,
  AudioTaskResults,
  AudioTaskStats,
  MetricsTaskOptions,
  ProbeAndHash,
  ProbeAndHashOptions,
  WorkerResponse,
} from './audio-tasks.js';
import type { AudioMetrics } from '../../preload/contract/schemas/audio-metrics.js';

/**
 * Caller side of the audio worker: starts one worker thread per task, relays abort, and turns the
 * worker's error message back into an AppError. Runs in the main process / browser-mode server.
 */

/** This module's own location, whether running as ESM source, an ESM bundle or a CJS bundle. */
function selfUrl(): string {
  const metaUrl: unknown = import.meta.url; // undefined inside an esbuild CJS bundle
  if (typeof metaUrl === 'string') return metaUrl;
  if (typeof __filename === 'string') return pathToFileURL(__filename).href;
  return pathToFileURL(join(process.cwd(), 'index.js')).href;
}

/**
 * Where worker.ts lives now. From sources (vitest, tsx) this file ends in .ts and the worker is its
 * sibling worker.ts. Bundled (dist/electron/main.cjs, dist/server/serve.cjs, dist/main.mjs...), the
 * build writes the worker to dist/workers/audio.mjs: look next to the bundle, then one level up.
 * AUDIO_WORKER_PATH overrides both (packaging experiments, tests of the bundle).
 */
export function audioWorkerUrl(): URL {
  const override = process.env.AUDIO_WORKER_PATH;
  if (override) return pathToFileURL(override);
  const self = selfUrl();
  if (/\.[cm]?ts$/.test(self)) return new URL('./worker.ts', self);
  const bundleDir = dirname(fileURLToPath(self));
  const candidates = [join(bundleDir, 'workers', 'audio.mjs'), join(bundleDir, '..', 'workers', 'audio.mjs')];
  const found = candidates.find((c) => existsSync(c)) ?? candidates[1]!;
  return pathToFileURL(found);
}

/**
 * Start the worker. A .ts worker needs the tsx loader registered inside the new thread first; Node 20
 * does not apply `execArgv: ['--import', 'tsx']` hooks to a worker's entry module, so a tiny eval'd
 * bootstrap registers tsx (resolved to an absolute URL, the cwd does not matter) and then imports it.
 */
function startWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const pkg = createRequire(selfUrl()).resolve('tsx/package.json');
  const api = pathToFileURL(join(dirname(pkg), 'dist', 'esm', 'api', 'index.mjs')).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true });
}

export interface RunOptions {
  signal?: AbortSignal;
}

export interface TaskOutcome<T> {
  value: T;
  stats: AudioTaskStats;
}

/** Run one audio task in a fresh worker thread. Rejects with an AppError (or AbortError). */
export function runAudioTask<K extends AudioTask['kind']>(
  task: Extract<AudioTask, { kind: K }>,
  options: RunOptions = {},
): Promise<TaskOutcome<AudioTaskResults[K]>> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  const url = audioWorkerUrl();
  const worker = startWorker(url);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      fn();
      void worker.terminate();
    };
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      worker.postMessage({ type: 'abort' });
      // The worker kills its ffmpeg on abort and replies; terminate anyway if it does not in time.
      killTimer = setTimeout(() => finish(() => reject(abortError(signal!))), 2000);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (msg: WorkerResponse) => {
      if (signal?.aborted) return finish(() => reject(abortError(signal)));
      if (msg.type === 'done') return finish(() => resolve({ value: msg.value as AudioTaskResults[K], stats: msg.stats }));
      finish(() => reject(toError(msg.error)));
    });
    worker.on('error', (e) =>
      finish(() =>
        reject(new AppError('internal', 'The audio worker crashed.', 'Try again. If it keeps happening, send the log file to support.', { cause: e })),
      ),
    );
    worker.on('exit', (code) =>
      finish(() =>
        reject(new AppError('internal', `The audio worker stopped unexpectedly (exit code ${code}).`, 'Try again.')),
      ),
    );
    worker.postMessage({ type: 'run', task });
  });
}

export async function probeAndHashInWorker(
  path: string,
  options: ProbeAndHashOptions & RunOptions = {},
): Promise<ProbeAndHash> {
  const { signal, ...rest } = options;
  return (await runAudioTask({ kind: 'probeAndHash', path, options: rest }, { signal })).value;
}

export async function audioMetricsInWorker(
  path: string,
  options: MetricsTaskOptions & RunOptions = {},
): Promise<AudioMetrics> {
  const { signal, ...rest } = options;
  return (await runAudioTask({ kind: 'metrics', path, options: rest }, { signal })).value;
}

function toError(e: Extract<WorkerResponse, { type: 'failed' }>['error']): Error {
  if (e.name === 'AbortError') return Object.assign(new Error(e.message), { name: 'AbortError' });
  if (!e.isAppError) {
    return new AppError('internal', 'Something went wrong while reading the audio.', 'Try again. If it keeps happening, send the log file to support.', {
      details: { workerError: e.message },
    });
  }
  const category = ErrorCategory.safeParse(e.category);
  return new AppError(category.success ? category.data : 'internal', e.message, e.hint, { details: e.details });
}

function abortError(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  return r instanceof Error ? r : Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}
