import { whyNobodyCannotRunHere } from '../helpers/as-nobody.js';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../main/errors.js';
import { probeAudio } from '../../main/audio/probe.js';
import { generateCalls, type GeneratedCalls } from '../helpers/fixtures.js';
import {
  bytesFile,
  headerOnlyWav,
  pseudoRandomBytes,
  sparseWav,
  truncatedCopy,
  unknownCodecWav,
  videoWithoutAudio,
  wavHeader,
} from '../helpers/audio-variants.js';

// Every input a reviewer can realistically drop that is not a usable recording: each must fail with
// the right category and a message that says what is wrong (and never as an `internal` error).

let calls: GeneratedCalls;
let first: string;
beforeAll(() => {
  calls = generateCalls({ formats: ['wav', 'm4a', 'mp3', 'flac'] });
  first = calls.ids[0]!;
});

async function probeError(path: string, options: Parameters<typeof probeAudio>[1] = {}): Promise<AppError> {
  try {
    await probeAudio(path, options);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error(`expected ${path} to be rejected`);
}

describe('probeAudio rejects bad inputs with specific errors', () => {
  it('zero-byte file', async () => {
    const e = await probeError(bytesFile('empty.wav', ''));
    expect(e.category).toBe('invalid_input');
    expect(e.details.reason).toBe('empty_file');
    expect(e.message).toMatch(/empty \(0 bytes\)/);
    expect(e.hint).toMatch(/copy it again|Export/i);
  });

  it('text file named .mp3 says it is text', async () => {
    const e = await probeError(bytesFile('notes.mp3', 'Call notes for Monday.\nCustomer asked about refunds.\n'));
    expect(e.category).toBe('unsupported_media');
    expect(e.details.reason).toBe('not_audio');
    expect(e.message).toMatch(/not an audio recording: its content is a text file/);
  });

  it('CSV named .wav', async () => {
    const e = await probeError(bytesFile('report.wav', 'call_id,agent,duration\n1,Dana,60\n2,Sam,45\n'));
    expect(e.message).toMatch(/CSV/);
    expect(e.category).toBe('unsupported_media');
  });

  it('JSON named .m4a', async () => {
    const e = await probeError(bytesFile('data.m4a', '{"calls": [1, 2, 3]}'));
    expect(e.message).toMatch(/JSON/);
  });

  it('HTML page named .mp3 (a saved download error page)', async () => {
    const e = await probeError(bytesFile('download.mp3', '<!DOCTYPE html><html><body>404 Not Found</body></html>'));
    expect(e.message).toMatch(/HTML page/);
  });

  it('PDF named .wav', async () => {
    const e = await probeError(bytesFile('scorecard.wav', '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n'));
    expect(e.category).toBe('unsupported_media');
    expect(e.message).toMatch(/PDF document/);
  });

  it('ZIP / Office document named .mp3', async () => {
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('[Content_Types].xml')]);
    const e = await probeError(bytesFile('report.mp3', docx));
    expect(e.message).toMatch(/Office document/);
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('calls/a.wav')]);
    expect((await probeError(bytesFile('calls.wav', zip))).message).toMatch(/ZIP archive/);
  });

  it('image named .wav', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
    const e = await probeError(bytesFile('screenshot.wav', png));
    expect(e.category).toBe('unsupported_media');
    expect(e.message).toMatch(/PNG image/);
    const jpg = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(64)]);
    expect((await probeError(bytesFile('photo.mp3', jpg))).message).toMatch(/JPEG image/);
  });

  it('random bytes with an audio extension', async () => {
    const e = await probeError(bytesFile('garbage.wav', pseudoRandomBytes(200_000)));
    expect(e.category).toBe('unsupported_media');
    expect(e.details.reason).toBe('unrecognised');
    expect(e.message).toMatch(/not in any audio format we recognise.*random/);
  });

  it('truncated WAV (cut short while copying)', async () => {
    const e = await probeError(truncatedCopy(calls.file(first, 'wav'), 0.5, 'half.wav'));
    expect(e.category).toBe('invalid_input');
    expect(e.details.reason).toBe('truncated');
    expect(e.message).toMatch(/truncated.*announces 60\.\d s of audio but the file holds only 30\.\d s/);
  });

  it('truncated M4A (index at the end is missing)', async () => {
    const e = await probeError(truncatedCopy(calls.file(first, 'm4a'), 0.6, 'cut.m4a'));
    expect(e.details.reason).toBe('truncated');
    expect(e.message).toMatch(/truncated or damaged/);
  });

  it('truncated FLAC (header promises more than the file holds)', async () => {
    const e = await probeError(truncatedCopy(calls.file(first, 'flac'), 0.5, 'cut.flac'));
    expect(e.details.reason).toBe('truncated');
    expect(e.message).toMatch(/audio stops before the end/);
  });

  it('header-only WAV (0 samples)', async () => {
    const e = await probeError(headerOnlyWav());
    expect(e.category).toBe('invalid_input');
    expect(e.details.reason).toBe('no_samples');
    expect(e.message).toMatch(/valid WAV header but contains no audio samples/);
  });

  it('file larger than the configured maximum', async () => {
    const big = sparseWav(300 * 1024 * 1024, 'huge.wav');
    const e = await probeError(big, { maxBytes: 200 * 1024 * 1024 });
    expect(e.category).toBe('invalid_input');
    expect(e.details.reason).toBe('too_large');
    expect(e.message).toMatch(/300\.0 MB, larger than the 200\.0 MB limit/);
  });

  it('unsupported codec (WAV with an unknown format tag)', async () => {
    const e = await probeError(unknownCodecWav());
    expect(e.category).toBe('unsupported_media');
    expect(e.details.reason).toBe('unsupported_codec');
    expect(e.message).toMatch(/audio codec .* is not one this app can decode/);
  });

  it('video with no audio track', async () => {
    const e = await probeError(videoWithoutAudio());
    expect(e.category).toBe('unsupported_media');
    expect(e.details.reason).toBe('no_audio_stream');
    expect(e.message).toMatch(/video with no audio track/);
  });

  it('file not found (ENOENT)', async () => {
    const e = await probeError('/definitely/not/here/call.wav');
    expect(e.category).toBe('not_found');
    expect(e.message).toMatch(/"call\.wav" was not found/);
  });

  it('a folder instead of a file', async () => {
    const e = await probeError(tmpdir());
    expect(e.category).toBe('invalid_input');
    expect(e.details.reason).toBe('not_a_file');
  });

  it('WAV header followed by garbage is not mistaken for silence', async () => {
    const junk = Buffer.concat([wavHeader({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: 16000 }), pseudoRandomBytes(16000, 3)]);
    // PCM accepts any bytes: this is "audio" (loud noise), and probe must not throw on it.
    const probe = await probeAudio(bytesFile('noise.wav', junk));
    expect(probe.durationSec).toBeCloseTo(1, 2);
  });
});

describe('unreadable file (EACCES)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qa-eacces-'));
    chmodSync(dir, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a storage error saying permission denied', async (ctx) => {
    const locked = join(dir, 'locked.wav');
    copyFileSync(calls.file(first, 'wav'), locked);
    chmodSync(locked, 0o000);
    if (process.getuid?.() !== 0) {
      const e = await probeError(locked);
      expect(e.category).toBe('storage');
      expect(e.message).toMatch(/cannot be read: permission denied/);
      return;
    }
    const cannot = whyNobodyCannotRunHere();
    if (cannot) {
      console.log(`[EACCES test] skipped: ${cannot}`);
      return ctx.skip(cannot);
    }
    // root reads anything: probe from a child process running as `nobody` so the kernel says EACCES.
    const here = dirname(fileURLToPath(import.meta.url));
    const script = join(dir, 'probe-locked.mts');
    const probeModule = resolve(here, '../../main/audio/probe.ts');
    const errorsModule = resolve(here, '../../main/errors.ts');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      script,
      `import { probeAudio } from ${JSON.stringify(probeModule)};\nimport { isAppError } from ${JSON.stringify(errorsModule)};\n` +
        `try { await probeAudio(${JSON.stringify(locked)}); console.log('{}'); } catch (e) { console.log(JSON.stringify(isAppError(e) ? { category: e.category, message: e.message, reason: e.details.reason } : { other: String(e) })); }\n`,
    );
    chmodSync(script, 0o644);
    const tsx = resolve(here, '../../node_modules/tsx/dist/cli.mjs');
    const out = execFileSync(process.execPath, [tsx, script], { uid: 65534, gid: 65534, cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: dir } });
    const e = JSON.parse(out.trim().split('\n').pop()!) as { category: string; message: string; reason: string };
    expect(e.category).toBe('storage');
    expect(e.reason).toBe('unreadable');
    expect(e.message).toMatch(/cannot be read: permission denied/);
  });
});
