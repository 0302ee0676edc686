import { parentPort } from 'node:worker_threads';
import { toWorkerError } from '../util/worker-error.js';
import type { AudioTask, AudioTaskResults, AudioTaskStats, WorkerRequest, WorkerResponse } from './audio-tasks.js';
import { copyAndHash, sha256File } from './hash.js';
import { computeAudioMetrics } from './metrics.js';
import { probeAudio } from './probe.js';

/**
 * Audio worker thread: decoding, hashing and metrics run here so the Electron/server event loop
 * stays free during a batch import. Long-lived: it serves many tasks, several at once (an import's
 * tasks mostly wait on the disk or on ffmpeg), each with its own abort controller and its own stats,
 * tied to the caller's messages by `id` (see run-in-worker.ts). Bundled on its own to
 * dist/workers/audio.mjs; loaded from this .ts file (through tsx) when running from sources.
 */

const port = parentPort;
if (!port) throw new Error('main/audio/worker.ts must run inside a worker thread');

interface Running {
  controller: AbortController;
  started: number;
  peakRss: number;
}

const running = new Map<number, Running>();
let sampler: NodeJS.Timeout | null = null;

/** RSS is sampled only while tasks run (an idle thread does nothing at all). */
function sample(): void {
  const rss = process.memoryUsage.rss();
  for (const t of running.values()) t.peakRss = Math.max(t.peakRss, rss);
}

function stats(t: Running): AudioTaskStats {
  sample();
  return { elapsedMs: Date.now() - t.started, peakRssMb: Math.round((t.peakRss / 1024 / 1024) * 10) / 10 };
}

async function run(task: AudioTask, signal: AbortSignal): Promise<AudioTaskResults[AudioTask['kind']]> {
  switch (task.kind) {
    case 'probeAndHash': {
      const { copyTo, sha256: known, ...probeOptions } = task.options ?? {};
      const probe = await probeAudio(task.path, { ...probeOptions, signal });
      if (copyTo) {
        const copied = await copyAndHash(task.path, copyTo, { signal });
        return { probe, sha256: copied.sha256, copiedBytes: copied.bytes };
      }
      return { probe, sha256: known ?? (await sha256File(task.path, { signal })) };
    }
    case 'metrics':
      return computeAudioMetrics(task.path, { ...task.options, signal });
  }
}

function start(id: number, task: AudioTask): void {
  const t: Running = { controller: new AbortController(), started: Date.now(), peakRss: process.memoryUsage.rss() };
  running.set(id, t);
  if (!sampler) {
    sampler = setInterval(sample, 25);
    sampler.unref();
  }
  run(task, t.controller.signal).then(
    (value) => reply(id, t, { type: 'done', id, value, stats: stats(t) }),
    (e: unknown) => reply(id, t, { type: 'failed', id, error: toWorkerError(e), stats: stats(t) }),
  );
}

function reply(id: number, t: Running, msg: WorkerResponse): void {
  if (running.get(id) === t) running.delete(id);
  if (running.size === 0 && sampler) {
    clearInterval(sampler);
    sampler = null;
  }
  port!.postMessage(msg);
}

port.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'abort') {
    running.get(msg.id)?.controller.abort();
    return;
  }
  start(msg.id, msg.task);
});

port.postMessage({ type: 'ready' } satisfies WorkerResponse);
