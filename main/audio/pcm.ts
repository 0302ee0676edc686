import { spawn } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';
import type { Readable } from 'node:stream';
import { ffmpegPath } from './binaries.js';
import { decodeFailedError, toolMissingError } from './audio-errors.js';

/**
 * Decode any file ffmpeg can read into a stream of interleaved PCM chunks, without ever holding more
 * than a few pipe buffers in memory: ffmpeg writes into a pipe, we read one chunk at a time when the
 * consumer asks for it (async iteration), so a slow consumer makes the pipe fill and ffmpeg block.
 * Assumes a little-endian host (x64 and arm64, every platform Electron ships for).
 */

export type PcmFormat = 's16le' | 'f32le';
export type PcmSampleRate = 8000 | 16000;

export interface PcmDecodeOptions {
  format?: PcmFormat;
  sampleRate?: PcmSampleRate;
  /** Output channel count; pass the probed count to preserve channels (ffmpeg `-ac`). */
  channels: number;
  /** Decode only a window (used by probe's quick decode checks). */
  startSec?: number;
  durationSec?: number;
  signal?: AbortSignal;
}

export interface PcmChunk {
  /** Interleaved samples, always a whole number of frames (one sample per channel per frame). */
  samples: Int16Array | Float32Array;
  frames: number;
  /** Index of this chunk's first frame from the start of the decode. */
  startFrame: number;
}

export interface PcmStream extends AsyncIterable<PcmChunk> {
  readonly format: PcmFormat;
  readonly sampleRate: PcmSampleRate;
  readonly channels: number;
  /** ffmpeg's stdout, exposed so tests can watch its buffer stay bounded. */
  readonly source: Readable;
  /** ffmpeg's process id (tests check it is gone after an abort). */
  readonly pid: number | undefined;
  /** Stop ffmpeg now (idempotent). Breaking out of the for-await loop does the same. */
  kill(): void;
}

function abortError(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  if (r instanceof Error) return r;
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}

export function decodePcm(path: string, options: PcmDecodeOptions): PcmStream {
  const format = options.format ?? 's16le';
  const sampleRate = options.sampleRate ?? 16000;
  const channels = options.channels;
  if (!Number.isInteger(channels) || channels < 1) throw new RangeError(`channels must be a positive integer, got ${channels}`);
  const bytesPerSample = format === 's16le' ? 2 : 4;
  const frameBytes = bytesPerSample * channels;
  const { signal } = options;

  const args = ['-nostdin', '-hide_banner', '-v', 'error'];
  if (options.startSec !== undefined && options.startSec > 0) args.push('-ss', options.startSec.toFixed(3));
  args.push('-i', resolvePath(path));
  if (options.durationSec !== undefined) args.push('-t', options.durationSec.toFixed(3));
  args.push('-map', '0:a:0', '-vn', '-sn', '-dn', '-ac', String(channels), '-ar', String(sampleRate));
  args.push('-f', format, '-acodec', format === 's16le' ? 'pcm_s16le' : 'pcm_f32le', 'pipe:1');

  const child = spawn(ffmpegPath(), args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    stderr = (stderr + d).slice(-8192); // keep the tail: the last lines say what went wrong
  });
  let spawnError: unknown = null;
  const exited = new Promise<number | null>((res) => {
    child.once('error', (e) => {
      spawnError = e;
      res(null);
    });
    child.once('close', (code) => res(code));
  });
  let killed = false;
  const kill = (): void => {
    if (killed || child.exitCode !== null) return;
    killed = true;
    child.kill('SIGKILL');
  };
  const onAbort = (): void => kill();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) kill();

  async function* iterate(): AsyncGenerator<PcmChunk> {
    let carry: Buffer | null = null;
    let frameIndex = 0;
    try {
      for await (const raw of child.stdout as AsyncIterable<Buffer>) {
        if (signal?.aborted) throw abortError(signal);
        let buf: Buffer = carry ? Buffer.concat([carry, raw]) : raw;
        const whole = buf.length - (buf.length % frameBytes);
        carry = whole < buf.length ? Buffer.from(buf.subarray(whole)) : null;
        if (whole === 0) continue;
        buf = buf.subarray(0, whole);
        // Typed-array views need an aligned offset; pipe chunks usually are, copy when not.
        if (buf.byteOffset % bytesPerSample !== 0) buf = Buffer.from(new Uint8Array(buf));
        const count = whole / bytesPerSample;
        const samples =
          format === 's16le'
            ? new Int16Array(buf.buffer, buf.byteOffset, count)
            : new Float32Array(buf.buffer, buf.byteOffset, count);
        const frames = whole / frameBytes;
        yield { samples, frames, startFrame: frameIndex };
        frameIndex += frames;
      }
      const code = await exited;
      if (signal?.aborted) throw abortError(signal);
      if (spawnError) throw toolMissingError('ffmpeg', spawnError);
      if (code !== 0) throw decodeFailedError(path, stderr);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      kill(); // consumer stopped early (break/throw): do not leave ffmpeg running
    }
  }

  return {
    format,
    sampleRate,
    channels,
    source: child.stdout,
    pid: child.pid,
    kill,
    [Symbol.asyncIterator]: () => iterate(),
  };
}

/** Decode a window and return how many frames came out (0 → nothing decodable there). */
export async function countDecodableFrames(
  path: string,
  options: { channels: number; startSec?: number; durationSec?: number; signal?: AbortSignal },
): Promise<number> {
  let frames = 0;
  for await (const chunk of decodePcm(path, { ...options, format: 's16le', sampleRate: 8000 })) frames += chunk.frames;
  return frames;
}
