import { parentPort } from 'node:worker_threads';
import { isAppError } from '../errors.js';
import type { AudioTask, AudioTaskResults, WorkerRequest, WorkerResponse } from './audio-tasks.js';
import { sha256File } from './hash.js';
import { computeAudioMetrics } from './metrics.js';
import { probeAudio } from './probe.js';

/**
 * Audio worker thread: decoding, hashing and metrics run here so the Electron/server event loop
 * stays free during a batch import. One task per worker (see run-in-worker.ts). Bundled on its own
 * to dist/workers/audio.mjs; loaded from this .ts file (through tsx) when running from sources.
 */

const port = parentPort;
if (!port) throw new Error('main/audio/worker.ts must run inside a worker thread');

const controller = new AbortController();
let peakRss = process.memoryUsage.rss();
const started = Date.now();
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 25);

function stats(): { elapsedMs: number; peakRssMb: number } {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  return { elapsedMs: Date.now() - started, peakRssMb: Math.round((peakRss / 1024 / 1024) * 10) / 10 };
}

async function run(task: AudioTask): Promise<AudioTaskResults[AudioTask['kind']]> {
  const { signal } = controller;
  switch (task.kind) {
    case 'probeAndHash': {
      const probe = await probeAudio(task.path, { ...task.options, signal });
      const sha256 = await sha256File(task.path, { signal });
      return { probe, sha256 };
    }
    case 'metrics':
      return computeAudioMetrics(task.path, { ...task.options, signal });
  }
}

port.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'abort') {
    controller.abort();
    return;
  }
  run(msg.task).then(
    (value) => reply({ type: 'done', value, stats: stats() }),
    (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      const details = isAppError(e) ? e.details : {};
      reply({
        type: 'failed',
        error: {
          isAppError: isAppError(e),
          name: err.name,
          category: isAppError(e) ? e.category : 'internal',
          message: err.message,
          hint: isAppError(e) ? e.hint : '',
          details: JSON.parse(JSON.stringify(details)) as Record<string, unknown>, // drop what cannot be cloned
        },
        stats: stats(),
      });
    },
  );
});

function reply(msg: WorkerResponse): void {
  clearInterval(sampler);
  port!.postMessage(msg);
}
