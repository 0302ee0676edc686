import { execFile } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';
import { z } from 'zod';
import { ffprobePath } from './binaries.js';
import { timeoutError, toolMissingError } from './audio-errors.js';

/**
 * Run ffprobe on one file and validate its JSON (an edge: the binary's version is not ours to pin).
 * execFile, never a shell: paths with spaces or quotes are passed as one argument. Paths are made
 * absolute so a name starting with '-' or containing ':' is not read as an option or a protocol.
 */

const num = z.union([z.string(), z.number()]).optional().transform((v) => {
  if (v === undefined) return null;
  const n = typeof v === 'number' ? v : Number.parseFloat(v);
  return Number.isFinite(n) ? n : null;
});

export const FfprobeStream = z.object({
  index: z.number(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  codec_tag_string: z.string().optional(),
  sample_rate: num,
  channels: z.number().optional(),
  bit_rate: num,
  duration: num,
  disposition: z.record(z.string(), z.number()).optional(),
});
export type FfprobeStream = z.infer<typeof FfprobeStream>;

export const FfprobeOutput = z.object({
  streams: z.array(FfprobeStream).default([]),
  format: z
    .object({
      format_name: z.string().optional(),
      duration: num,
      size: num,
      bit_rate: num,
    })
    .optional(),
});
export type FfprobeOutput = z.infer<typeof FfprobeOutput>;

export type FfprobeResult =
  | { ok: true; data: FfprobeOutput; warnings: string }
  | { ok: false; stderr: string; exitCode: number | null };

export interface FfprobeOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export function runFfprobe(path: string, options: FfprobeOptions = {}): Promise<FfprobeResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const bin = ffprobePath();
  // -v warning (not error): "Estimating duration from bitrate" tells probe.ts the duration is a guess.
  const args = ['-v', 'warning', '-print_format', 'json', '-show_format', '-show_streams', resolvePath(path)];
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, signal: options.signal, windowsHide: true },
      (err, stdout, stderr) => {
        if (err) {
          const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: number | string | null };
          if (e.name === 'AbortError') return reject(e);
          if (e.code === 'ENOENT' || e.code === 'EACCES') return reject(toolMissingError('ffprobe', err));
          if (e.killed) return reject(timeoutError(path, 'ffprobe', timeoutMs));
          return resolve({ ok: false, stderr: String(stderr), exitCode: typeof e.code === 'number' ? e.code : null });
        }
        let json: unknown;
        try {
          json = JSON.parse(String(stdout));
        } catch {
          return resolve({ ok: false, stderr: `ffprobe printed invalid JSON. ${String(stderr)}`, exitCode: 0 });
        }
        const parsed = FfprobeOutput.safeParse(json);
        if (!parsed.success) return resolve({ ok: false, stderr: `unexpected ffprobe output: ${parsed.error.message}`, exitCode: 0 });
        resolve({ ok: true, data: parsed.data, warnings: String(stderr) });
      },
    );
  });
}
