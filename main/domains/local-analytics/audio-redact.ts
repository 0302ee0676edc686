import { spawn } from 'node:child_process';
import { rename, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { audioBinaries } from '../../audio/binaries.js';
import { AppError } from '../../errors.js';

/**
 * A copy of a recording with time spans silenced (PII said aloud: card numbers, CVV, date of birth),
 * for exports. ffmpeg's volume filter with a timeline `enable` expression mutes exactly those spans and
 * leaves the rest untouched; channels, rate and length are kept. The output is written to a temp name
 * and renamed, so a crash never leaves a half-redacted file under the final name.
 */

export interface SilenceSpan {
  start: number;
  end: number;
}

/**
 * The filter for a set of spans (overlapping spans are fine: `between` just ORs). Timeline `enable` is
 * decided once per audio frame at the frame's start time, and decoders hand over frames of ~1024
 * samples (64 ms at 16 kHz): re-framing to 64 samples first makes the mute accurate to a few ms.
 */
export function silenceFilter(spans: readonly SilenceSpan[]): string {
  const clauses = spans.filter((s) => s.end > s.start).map((s) => `between(t,${s.start.toFixed(3)},${s.end.toFixed(3)})`);
  return clauses.length ? `asetnsamples=n=64:p=0,volume=enable='${clauses.join('+')}':volume=0` : 'anull';
}

/** Codec for the copy: the input's container decides (WAV stays PCM, so nothing is re-compressed). */
function codecArgs(outPath: string): string[] {
  switch (extname(outPath).toLowerCase()) {
    case '.wav':
      return ['-c:a', 'pcm_s16le'];
    case '.flac':
      return ['-c:a', 'flac'];
    case '.mp3':
      return ['-c:a', 'libmp3lame', '-q:a', '2'];
    case '.ogg':
    case '.opus':
      return ['-c:a', 'libopus', '-b:a', '64k'];
    default:
      return ['-c:a', 'aac', '-b:a', '128k'];
  }
}

export async function writeSilencedCopy(
  inPath: string,
  outPath: string,
  spans: readonly SilenceSpan[],
  options: { signal?: AbortSignal } = {},
): Promise<{ outPath: string; spans: number }> {
  const tmp = `${outPath}.partial${extname(outPath)}`;
  const args = ['-nostdin', '-hide_banner', '-v', 'error', '-y', '-i', inPath, '-map', '0:a:0', '-vn', '-af', silenceFilter(spans), ...codecArgs(outPath), tmp];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(audioBinaries().ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true, signal: options.signal });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr = (stderr + d).slice(-4096)));
    child.on('error', (e) => reject(e.name === 'AbortError' ? e : new AppError('internal', 'Could not start ffmpeg to redact the audio.', 'Check the ffmpeg installation (FFMPEG_PATH).', { cause: e })));
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new AppError('unsupported_media', `Redacting the audio failed: ${stderr.trim().split('\n').pop() ?? `ffmpeg exit ${code}`}`, 'Check that the recording still plays; try again.')),
    );
  }).catch(async (e: unknown) => {
    await rm(tmp, { force: true });
    throw e;
  });
  await rename(tmp, outPath);
  return { outPath, spans: spans.length };
}
