import { execFile } from 'node:child_process';
import { ffmpegPath } from '../../audio/binaries.js';
import type { ChunkPlan } from './plan.js';

/**
 * Chunks are written as 16 kHz mono 16-bit WAV: what speech models resample to anyway, a size we can
 * predict from the duration (32 kB/s, so the plan can promise each chunk fits the upload limit), and
 * `-bitexact` so the same cut of the same file gives the same bytes on every run.
 */
export const CHUNK_BYTES_PER_SEC = 16_000 * 2;
const WAV_HEADER = 44;

export function maxChunkSecFor(limitBytes: number): number {
  return Math.floor((limitBytes - WAV_HEADER - 4096) / CHUNK_BYTES_PER_SEC);
}

export function extractChunk(source: string, chunk: ChunkPlan, out: string, signal?: AbortSignal): Promise<void> {
  const args = [
    '-hide_banner', '-nostdin', '-y', '-v', 'error',
    '-ss', chunk.start.toFixed(3), '-t', (chunk.end - chunk.start).toFixed(3), '-i', source,
    '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact', '-f', 'wav', out,
  ];
  return new Promise((resolve, reject) => {
    execFile(ffmpegPath(), args, { signal, windowsHide: true }, (err, _o, stderr) => (err ? reject(new Error(`ffmpeg chunk failed: ${String(stderr).slice(0, 500)}`)) : resolve()));
  });
}
