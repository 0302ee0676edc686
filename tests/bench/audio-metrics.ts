import { execFile } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { ffmpegPath } from '../../main/audio/binaries.js';
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AudioTask, AudioTaskStats, WorkerResponse } from '../../main/audio/audio-tasks.js';
import { generateCalls } from '../helpers/fixtures.js';
import { longCall } from '../helpers/audio-variants.js';
import type { BenchRow } from './bench-row.js';
import { benchLocalAnalysis } from './local-analysis.js';

/**
 * Local audio metrics on a 60-minute stereo call, the way the app runs them (worker thread, ffmpeg
 * decode at 8 kHz, one pass). Targets: real-time factor ≥ 200× and peak RSS ≤ 150 MB. Each row also
 * times a plain `ffmpeg -f null` decode of the same file in the same run, so the ratio shows how much
 * our pass costs on top of decoding alone (machine speed cancels out).
 *
 * The worker is bundled with esbuild (as the app's build does for dist/workers/audio.mjs) and run
 * from a fresh plain `node` process, so peakRssMb, sampled inside the worker, is that worker plus a
 * bare Node main thread: not the bench's tsx/vitest heap, and not ffmpeg (a separate process).
 * Run by tests/bench/run.ts (`npm run bench -- metrics`).
 */

export interface AudioBenchRow {
  name: string;
  /** Wall time of the measured task. */
  seconds: number;
  audioSeconds: number;
  /** Audio seconds per wall second. */
  realTimeFactor: number;
  peakRssMb: number;
  baselineName: string;
  baselineSeconds: number;
  /** seconds / baselineSeconds: ≈1 means metrics cost little more than decoding. */
  ratioToBaseline: number;
  targets: { realTimeFactor: number; peakRssMb: number };
  meetsTargets: boolean;
}

const exec = promisify(execFile);
const TARGETS = { realTimeFactor: 200, peakRssMb: 150 };
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

async function timeIt<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, value };
}

const here = dirname(fileURLToPath(import.meta.url));
const bundleDir = resolve(here, '../.cache/bench-worker');

async function bundleWorker(): Promise<{ workerFile: string; hostFile: string }> {
  const outfile = join(bundleDir, 'workers', 'audio.mjs');
  const hostFile = join(bundleDir, 'host.mjs');
  await build({
    entryPoints: [resolve(here, '../../main/audio/worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
  writeFileSync(hostFile, HOST);
  return { workerFile: outfile, hostFile };
}

// A bare Node process that starts the bundled worker, runs one task and prints the worker's reply.
const HOST = `
import { Worker } from 'node:worker_threads';
const [workerFile, taskJson] = process.argv.slice(2);
const w = new Worker(workerFile);
w.on('message', (m) => {
  if (m.type === 'ready') return; // the thread announces it has loaded; the task's reply follows
  console.log(JSON.stringify({ type: m.type, stats: m.stats, error: m.error }));
  void w.terminate();
});
w.on('error', (e) => { console.error(e); process.exit(1); });
w.postMessage({ type: 'run', id: 1, task: JSON.parse(taskJson) });
`;

async function runIsolated(hostFile: string, workerFile: string, task: AudioTask): Promise<{ seconds: number; stats: AudioTaskStats }> {
  const { seconds, value } = await timeIt(() =>
    // No NODE_OPTIONS: the host must not inherit a tsx loader from the bench's own process.
    exec(process.execPath, [hostFile, workerFile, JSON.stringify(task)], { maxBuffer: 1 << 20, env: { ...process.env, NODE_OPTIONS: '' } }),
  );
  const reply = JSON.parse(value.stdout.trim().split('\n').pop()!) as Pick<Exclude<WorkerResponse, { type: 'ready' }>, 'type' | 'stats'> & { error?: unknown };
  if (reply.type !== 'done') throw new Error(`bench task failed: ${JSON.stringify(reply.error)}`);
  return { seconds, stats: reply.stats };
}

/** Baseline: decode only, discard (ffmpeg's null muxer), same file, same machine, same run. */
async function rawDecode(file: string): Promise<number> {
  const { seconds } = await timeIt(() => exec(ffmpegPath(), ['-nostdin', '-v', 'error', '-i', file, '-f', 'null', '-']));
  return seconds;
}

/** `npm run bench -- metrics`: the audio rows, then the transcript-side local_analysis rows. */
export async function benchAudioMetrics(): Promise<(AudioBenchRow | BenchRow)[]> {
  const calls = generateCalls({ formats: ['wav'] });
  const sources = calls.ids.map((id) => calls.file(id, 'wav'));
  const files = {
    wav: longCall(sources, 60, 'wav'),
    mp3: longCall(sources, 60, 'mp3'),
  };
  const { workerFile, hostFile } = await bundleWorker();
  const rows: AudioBenchRow[] = [];
  for (const [fmt, file] of Object.entries(files)) {
    const audioSeconds = Number((await exec('soxi', ['-D', file])).stdout.trim());
    await rawDecode(file); // warm the page cache so neither side pays the first read
    const baselineSeconds = await rawDecode(file);
    const metrics = await runIsolated(hostFile, workerFile, { kind: 'metrics', path: file });
    const probe = await runIsolated(hostFile, workerFile, { kind: 'probeAndHash', path: file });
    // Task time measured inside the worker (excludes node + worker start-up, ~50 ms).
    const size = mb(statSync(file).size);
    rows.push(row(`metrics 60 min stereo ${fmt} (${size} MB)`, metrics.stats.elapsedMs / 1000, audioSeconds, metrics.stats.peakRssMb, baselineSeconds));
    rows.push(row(`probe+hash 60 min stereo ${fmt} (${size} MB)`, probe.stats.elapsedMs / 1000, audioSeconds, probe.stats.peakRssMb, baselineSeconds));
  }
  return [...rows, ...(await benchLocalAnalysis())];
}

function row(name: string, seconds: number, audioSeconds: number, peakRssMb: number, baselineSeconds: number): AudioBenchRow {
  const realTimeFactor = audioSeconds / seconds;
  return {
    name,
    seconds: round(seconds),
    audioSeconds: round(audioSeconds, 1),
    realTimeFactor: Math.round(realTimeFactor),
    peakRssMb,
    baselineName: 'ffmpeg -f null decode of the same file',
    baselineSeconds: round(baselineSeconds),
    ratioToBaseline: round(seconds / baselineSeconds, 2),
    targets: TARGETS,
    meetsTargets: realTimeFactor >= TARGETS.realTimeFactor && peakRssMb <= TARGETS.peakRssMb,
  };
}
