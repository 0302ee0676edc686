import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ffmpegPath } from '../../main/audio/binaries.js';

/**
 * Audio files the fixture generator does not make: other containers/codecs derived from a generated
 * call with ffmpeg/sox (webm/opus, mp4 with a video track, telephony WAVs), long calls for the memory
 * test and the bench, and deliberately broken inputs. Cached in tests/.cache/audio-variants/ keyed by
 * the source file and recipe, written via temp file + rename so parallel test files can share them.
 */

const here = dirname(fileURLToPath(import.meta.url));
export const variantsDir = resolve(here, '../.cache/audio-variants');

function cached(name: string, key: string, make: (out: string) => void): string {
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
  const out = join(variantsDir, `${hash}-${name}`);
  if (existsSync(out)) return out;
  mkdirSync(variantsDir, { recursive: true });
  const tmpName = `${hash}-tmp${process.pid}-${name}`; // keep the extension last for ffmpeg/sox
  const tmp = join(variantsDir, tmpName);
  make(tmp);
  renameSync(tmp, out);
  return out;
}

const sourceKey = (src: string): string => `${src}:${statSync(src).size}:${statSync(src).mtimeMs}`;

function ffmpeg(...args: string[]): void {
  execFileSync(ffmpegPath(), ['-y', '-nostdin', '-loglevel', 'error', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

export type AudioVariant = 'webm-opus' | 'mp4-video' | 'mov-video' | 'wav-mulaw' | 'wav-alaw' | 'wav-gsm' | 'ogg-opus' | 'wav-noisy';

/** Re-encode `src` (a generated call) into another container/codec; returns the new file's path. */
export function makeVariant(src: string, variant: AudioVariant): string {
  const ext = { 'webm-opus': 'webm', 'mp4-video': 'mp4', 'mov-video': 'mov', 'wav-mulaw': 'wav', 'wav-alaw': 'wav', 'wav-gsm': 'wav', 'ogg-opus': 'ogg', 'wav-noisy': 'wav' }[variant];
  return cached(`${variant}.${ext}`, `${variant}|${sourceKey(src)}`, (out) => {
    switch (variant) {
      case 'webm-opus':
        return ffmpeg('-i', src, '-c:a', 'libopus', '-b:a', '32k', out);
      case 'ogg-opus':
        return ffmpeg('-i', src, '-c:a', 'libopus', '-b:a', '32k', out);
      case 'mp4-video':
      case 'mov-video':
        // A tiny black video track next to the call audio, as screen-recorder exports have.
        return ffmpeg('-f', 'lavfi', '-i', 'color=c=black:s=160x120:r=5', '-i', src, '-map', '0:v', '-map', '1:a',
          '-shortest', '-c:v', 'mpeg4', '-c:a', 'aac', out);
      case 'wav-mulaw':
        return ffmpeg('-i', src, '-c:a', 'pcm_mulaw', '-ar', '8000', out);
      case 'wav-alaw':
        return ffmpeg('-i', src, '-c:a', 'pcm_alaw', '-ar', '8000', out);
      case 'wav-noisy':
        // A hissy line: pink noise (~-50 dBFS) under both channels, so the VAD's floor must adapt.
        return ffmpeg('-i', src, '-filter_complex',
          'anoisesrc=c=pink:a=0.006:r=16000,aformat=channel_layouts=stereo[n];[0:a][n]amix=inputs=2:duration=first', out);
      case 'wav-gsm':
        // No ffmpeg build here has a GSM encoder; sox writes WAV GSM 6.10 (gsm_ms), mono 8 kHz only.
        execFileSync('sox', [src, '-r', '8000', '-c', '1', '-e', 'gsm-full-rate', out]);
        return;
    }
  });
}

/** A video file with no audio track at all. */
export function videoWithoutAudio(): string {
  return cached('video-only.mp4', 'video-only-v1', (out) =>
    ffmpeg('-f', 'lavfi', '-i', 'color=c=blue:s=160x120:r=5', '-t', '3', '-an', '-c:v', 'mpeg4', out),
  );
}

/**
 * A long call made by concatenating generated calls end to end until `minutes` is reached
 * (ffmpeg concat demuxer), encoded as `ext` (wav keeps the fixture's 16 kHz stereo PCM).
 */
export function longCall(sources: string[], minutes: number, ext: 'wav' | 'mp3' | 'flac' = 'wav'): string {
  const key = `long|${minutes}|${ext}|${sources.map(sourceKey).join(',')}`;
  return cached(`long-${minutes}min.${ext}`, key, (out) => {
    const durations = sources.map((s) => Number(execFileSync('soxi', ['-D', s], { encoding: 'utf8' }).trim()));
    const lines: string[] = [];
    let total = 0;
    for (let i = 0; total < minutes * 60; i++) {
      const k = i % sources.length;
      lines.push(`file '${sources[k]!.replace(/'/g, "'\\''")}'`);
      total += durations[k]!;
    }
    const list = `${out}.txt`;
    writeFileSync(list, lines.join('\n'));
    ffmpeg('-f', 'concat', '-safe', '0', '-i', list, '-t', String(minutes * 60), out);
    rmSync(list);
  });
}

/** A file with exactly these bytes (text, PDF header, random data...), named as given. */
export function bytesFile(name: string, bytes: Buffer | string): string {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return cached(name, `bytes|${createHash('sha256').update(buf).digest('hex')}`, (out) => writeFileSync(out, buf));
}

/** Deterministic pseudo-random bytes (xorshift), so the "random file" test never flakes. */
export function pseudoRandomBytes(n: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** The first `keepRatio` of a file's bytes: a recording cut short while copying. */
export function truncatedCopy(src: string, keepRatio: number, name: string): string {
  return cached(name, `trunc|${keepRatio}|${sourceKey(src)}`, (out) => {
    const data = readFileSync(src);
    writeFileSync(out, data.subarray(0, Math.floor(data.length * keepRatio)));
  });
}

/** A 44-byte PCM WAV header announcing 0 samples: a recording started and never written to. */
export function headerOnlyWav(): string {
  return bytesFile('header-only.wav', wavHeader({ formatTag: 1, channels: 2, sampleRate: 8000, bitsPerSample: 16, dataBytes: 0 }));
}

/** A WAV whose format tag is not a codec anyone implements, with a second of "audio" after it. */
export function unknownCodecWav(): string {
  const data = pseudoRandomBytes(16000, 7);
  const header = wavHeader({ formatTag: 0x5a5a, channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: data.length });
  return bytesFile('unknown-codec.wav', Buffer.concat([header, data]));
}

export function wavHeader(o: { formatTag: number; channels: number; sampleRate: number; bitsPerSample: number; dataBytes: number }): Buffer {
  const b = Buffer.alloc(44);
  const blockAlign = (o.channels * o.bitsPerSample) / 8;
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + o.dataBytes, 4);
  b.write('WAVE', 8, 'latin1');
  b.write('fmt ', 12, 'latin1');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(o.formatTag, 20);
  b.writeUInt16LE(o.channels, 22);
  b.writeUInt32LE(o.sampleRate, 24);
  b.writeUInt32LE(o.sampleRate * blockAlign, 28);
  b.writeUInt16LE(blockAlign, 32);
  b.writeUInt16LE(o.bitsPerSample, 34);
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(o.dataBytes, 40);
  return b;
}

/** A sparse file of `bytes` (a valid WAV header, then zeros): big on paper, no disk used. */
export function sparseWav(bytes: number, name: string): string {
  return cached(name, `sparse|${bytes}`, (out) => {
    const fd = openSync(out, 'w');
    try {
      writeSync(fd, wavHeader({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: bytes - 44 }), 0, 44, 0);
      writeSync(fd, Buffer.alloc(1), 0, 1, bytes - 1);
    } finally {
      closeSync(fd);
    }
  });
}
