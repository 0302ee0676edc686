import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, createReadStream } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ffmpegPath } from '../../main/audio/binaries.js';
import type { BenchRow } from './bench-row.js';
import { generateCalls } from '../helpers/fixtures.js';
import { sparseWav } from '../helpers/audio-variants.js';
import { repoRoot, startServedApp } from '../helpers/serve-process.js';
import { startHarness } from '../integration/import-harness.js';

/**
 * Import performance (issue 3): 1,000 distinct one-MB WAVs imported by path in-process (total time,
 * files/s, ratio to `sha256sum` over the same files in the same run, worst event-loop delay), then a
 * 1 GB multipart upload to the built browser-mode server with its RSS growth sampled from /proc.
 * Run `node scripts/build.mjs` first so the bundled audio worker is used, as in the app.
 */

export interface ImportBenchFigures {
  files: number;
  totalBytes: number;
  importMs: number;
  filesPerSec: number;
  sha256sumMs: number;
  ratioToSha256sum: number;
  maxEventLoopDelayMs: number;
  p99EventLoopDelayMs: number;
  /** Share of the import's wall time the main thread was busy (event-loop utilization). */
  mainThreadUtilization: number;
  imported: number;
  upload: {
    bytes: number; ms: number; rssBeforeMb: number; rssPeakMb: number; rssGrowthMb: number;
    /** Growth while the body streamed to disk, before the import (probe worker thread) started. */
    rssGrowthWhileStreamingMb: number;
    /** The same upload's growth measured after a small warm-up upload started the probe worker. */
    warm: { rssGrowthMb: number };
    ok: boolean;
  };
}

/** `npm run bench` section: the figures as rows with their baselines and targets (issue 3). */
export async function benchImport(opts: { files?: number; uploadBytes?: number } = {}): Promise<BenchRow[]> {
  return importRows(await measureImport(opts));
}

export function importRows(f: ImportBenchFigures): BenchRow[] {
  return [
    {
      name: `import ${f.files} one-MB WAVs (copy mode)`, value: f.importMs / 1000, unit: 's',
      baselineName: 'sha256sum', baseline: f.sha256sumMs / 1000, ratio: f.ratioToSha256sum,
      target: '≤ 2.5×', pass: f.ratioToSha256sum <= 2.5, note: `${f.filesPerSec} files/s, ${f.imported} imported`,
    },
    {
      name: 'worst main event-loop delay during the import', value: f.maxEventLoopDelayMs, unit: 'ms',
      target: '< 100 ms', pass: f.maxEventLoopDelayMs < 100,
      note: `p99 ${f.p99EventLoopDelayMs} ms, main thread busy ${Math.round(f.mainThreadUtilization * 100)}% of the time`,
    },
    {
      name: '1 GB upload: server RSS growth', value: f.upload.rssGrowthMb, unit: 'MB', target: '< 64 MB', pass: f.upload.ok && f.upload.rssGrowthMb < 64,
      note: `${f.upload.rssGrowthWhileStreamingMb} MB while streaming; ${f.upload.ms} ms; again with the server warm: ${f.upload.warm.rssGrowthMb} MB (includes the first upload's pipeline still running)`,
    },
  ];
}

export async function measureImport(opts: { files?: number; uploadBytes?: number } = {}): Promise<ImportBenchFigures> {
  const count = opts.files ?? 1000;
  const bundledWorker = join(repoRoot, 'dist/workers/audio.mjs');
  if (existsSync(bundledWorker)) process.env.AUDIO_WORKER_PATH ??= bundledWorker;
  const work = mkdtempSync(join(tmpdir(), 'cca-bench-import-'));
  try {
    const files = makeWavs(work, count);
    const totalBytes = files.reduce((n, f) => n + statSync(f).size, 0);

    const t0 = performance.now();
    execFileSync('sha256sum', files, { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
    const sha256sumMs = performance.now() - t0;

    const h = await startHarness({ CCA_PROFILE: 'production', CCA_LOG_LEVEL: 'warn' });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    let importMs = 0;
    let imported = 0;
    let mainThreadUtilization = 0;
    try {
      delay.enable();
      const elu = performance.eventLoopUtilization();
      const t1 = performance.now();
      const batch = await h.service.importPaths([join(work, 'wavs')]);
      importMs = performance.now() - t1;
      mainThreadUtilization = Math.round(performance.eventLoopUtilization(elu).utilization * 100) / 100;
      delay.disable();
      imported = batch.counts.imported;
    } finally {
      await h.close();
    }
    const upload = await benchUpload(work, opts.uploadBytes ?? 1024 ** 3);
    return {
      files: count, totalBytes,
      importMs: Math.round(importMs), filesPerSec: Math.round((count / importMs) * 1000 * 10) / 10,
      sha256sumMs: Math.round(sha256sumMs), ratioToSha256sum: Math.round((importMs / sha256sumMs) * 100) / 100,
      maxEventLoopDelayMs: Math.round(delay.max / 1e6), p99EventLoopDelayMs: Math.round(delay.percentile(99) / 1e6),
      mainThreadUtilization, imported, upload,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** One ~1 MB mono 16 kHz call, then `count` copies each with a different last sample (distinct hashes). */
export function makeWavs(work: string, count: number): string[] {
  const calls = generateCalls({ formats: ['wav'] });
  const base = join(work, 'base.wav');
  execFileSync(ffmpegPath(), ['-y', '-loglevel', 'error', '-i', calls.file(calls.ids[0]!, 'wav'), '-ac', '1', '-ar', '16000', '-t', '32.7', base]);
  const bytes = readFileSync(base);
  execFileSync('mkdir', ['-p', join(work, 'wavs')]);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    bytes.writeUInt32LE(i, bytes.length - 4);
    const f = join(work, 'wavs', `call-${String(i).padStart(4, '0')}.wav`);
    writeFileSync(f, bytes);
    out.push(f);
  }
  return out;
}

const rssMb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
};

/** Stream a multipart body from a sparse file (no 1 GB buffer on the client side either). */
async function benchUpload(work: string, size: number): Promise<ImportBenchFigures['upload']> {
  const file = sparseWav(size, `bench-upload-${size}.wav`);
  const app = await startServedApp({ env: { CCA_MAX_FILE_SIZE_MB: String(Math.ceil(size / 1024 ** 2) + 10), CCA_LOG_LEVEL: 'warn' }, dataDir: mkdtempSync(join(work, 'srv-')) });
  const pid = app.proc.pid!;
  try {
    await new Promise((r) => setTimeout(r, 500));
    const cold = await measureUpload(app, pid, file, size);
    // Warm: the worker thread exists now, so what remains is what the upload itself costs.
    const warmFile = sparseWav(size - 4096, `bench-upload-warm-${size}.wav`);
    const warm = await measureUpload(app, pid, warmFile, size - 4096);
    return { ...cold, warm: { rssGrowthMb: warm.rssGrowthMb }, ok: cold.ok && warm.ok };
  } finally {
    await app.stop();
  }
}

async function measureUpload(app: Awaited<ReturnType<typeof startServedApp>>, pid: number, file: string, size: number): Promise<Omit<ImportBenchFigures['upload'], 'warm'>> {
  {
    const before = rssMb(pid);
    let peak = before;
    let streamingPeak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
    const boundary = `----ccabench${Date.now()}`;
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big-call.wav"\r\nContent-Type: audio/wav\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const t0 = performance.now();
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(`${app.origin}/api/v1/recordings`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': head.length + size + tail.length },
      }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.write(head);
      const src = createReadStream(file, { highWaterMark: 1024 * 1024 });
      src.pipe(req, { end: false });
      src.on('end', () => req.end(tail, () => (streamingPeak = peak)));
    });
    const ms = performance.now() - t0;
    clearInterval(sampler);
    peak = Math.max(peak, rssMb(pid));
    const ok = (JSON.parse(body) as { ok: boolean; value?: { counts: { imported: number } } }).value?.counts.imported === 1;
    const r = (n: number) => Math.round(n * 10) / 10;
    return { bytes: size, ms: Math.round(ms), rssBeforeMb: r(before), rssPeakMb: r(peak), rssGrowthMb: r(peak - before), rssGrowthWhileStreamingMb: r(streamingPeak - before), ok };
  }
}
