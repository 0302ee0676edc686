import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegPath } from '../../main/audio/binaries.js';
import { runFfprobe } from '../../main/audio/ffprobe.js';
import { probeAudio, probeFromHeader } from '../../main/audio/probe.js';
import { generateCalls, type GeneratedCalls } from '../helpers/fixtures.js';
import { wavHeader } from '../helpers/audio-variants.js';

// The WAV fast path (no ffprobe, no decode) must say exactly what ffprobe says about every
// uncompressed layout it accepts, and hand everything else to the full probe.

let calls: GeneratedCalls;
let dir: string;
beforeAll(() => {
  calls = generateCalls({ formats: ['wav'] });
  dir = mkdtempSync(join(tmpdir(), 'qa-wavfast-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function encode(name: string, args: string[]): string {
  const out = join(dir, name);
  execFileSync(ffmpegPath(), ['-y', '-nostdin', '-loglevel', 'error', '-i', calls.file(calls.ids[0]!, 'wav'), '-t', '7.3', ...args, out]);
  return out;
}

const layouts: { name: string; args: string[] }[] = [
  { name: 's16-stereo.wav', args: ['-c:a', 'pcm_s16le'] },
  { name: 'u8-mono.wav', args: ['-ac', '1', '-c:a', 'pcm_u8'] },
  { name: 's24-stereo.wav', args: ['-c:a', 'pcm_s24le'] }, // WAVE_FORMAT_EXTENSIBLE
  { name: 's32-mono.wav', args: ['-ac', '1', '-c:a', 'pcm_s32le'] },
  { name: 'f32-stereo.wav', args: ['-c:a', 'pcm_f32le'] },
  { name: 'f64-mono.wav', args: ['-ac', '1', '-c:a', 'pcm_f64le'] },
  { name: 'mulaw-8k.wav', args: ['-ar', '8000', '-c:a', 'pcm_mulaw'] },
  { name: 'alaw-8k.wav', args: ['-ar', '8000', '-c:a', 'pcm_alaw'] },
  { name: 's16-6ch.wav', args: ['-af', 'pan=5.1|c0=c0|c1=c1|c2=c0|c3=c1|c4=c0|c5=c1', '-c:a', 'pcm_s16le'] }, // extensible
  { name: 's16-with-list.wav', args: ['-metadata', 'title=Call 42', '-c:a', 'pcm_s16le'] }, // LIST chunk before data
];

describe('WAV fast path agrees with ffprobe', () => {
  for (const l of layouts) {
    it(l.name, async () => {
      const file = encode(l.name, l.args);
      const fast = await probeFromHeader(file);
      expect(fast, 'taken by the fast path').not.toBeNull();
      const probed = await runFfprobe(file);
      if (!probed.ok) throw new Error(probed.stderr);
      const s = probed.data.streams.find((x) => x.codec_type === 'audio')!;
      expect(fast).toMatchObject({ codec: s.codec_name, channels: s.channels, sampleRate: s.sample_rate, bitRate: s.bit_rate, container: 'wav' });
      expect(Math.abs(fast!.durationSec - (s.duration ?? probed.data.format!.duration!))).toBeLessThan(0.01);
      expect(await probeAudio(file)).toEqual(fast); // probeAudio takes the same path
    });
  }

  it('compressed WAVs (GSM, ADPCM, MP3-in-WAV) and unknown tags go to the full probe', async () => {
    expect(await probeFromHeader(encode('adpcm.wav', ['-c:a', 'adpcm_ms']))).toBeNull();
    expect(await probeFromHeader(encode('mp3-in.wav', ['-c:a', 'libmp3lame', '-b:a', '32k']))).toBeNull();
    const unknown = join(dir, 'unknown.wav');
    writeFileSync(unknown, Buffer.concat([wavHeader({ formatTag: 0x5a5a, channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: 1600 }), Buffer.alloc(1600)]));
    expect(await probeFromHeader(unknown)).toBeNull();
    expect((await probeAudio(encode('adpcm2.wav', ['-c:a', 'adpcm_ms']))).codec).toBe('adpcm_ms');
  });

  it('inconsistent fmt fields and streaming-writer sizes go to the full probe', async () => {
    const header = wavHeader({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: 16000 });
    const badRate = Buffer.from(header);
    badRate.writeUInt32LE(12345, 28); // byte rate that does not match rate × block align
    const f1 = join(dir, 'bad-rate.wav');
    writeFileSync(f1, Buffer.concat([badRate, Buffer.alloc(16000)]));
    expect(await probeFromHeader(f1)).toBeNull();
    const unknownSize = Buffer.from(header);
    unknownSize.writeUInt32LE(0xffffffff, 40); // a recorder that never patched the size
    const f2 = join(dir, 'unknown-size.wav');
    writeFileSync(f2, Buffer.concat([unknownSize, Buffer.alloc(16000)]));
    expect(await probeFromHeader(f2)).toBeNull();
    expect((await probeAudio(f2)).durationSec).toBeCloseTo(1, 1);
  });

  it('a data chunk shorter than the file (trailing chunks) counts only the data', async () => {
    const src = readFileSync(encode('plain.wav', ['-ac', '1', '-c:a', 'pcm_s16le']));
    const withTail = join(dir, 'with-tail.wav');
    const tail = Buffer.concat([Buffer.from('junk', 'latin1'), Buffer.from([8, 0, 0, 0]), Buffer.alloc(8)]);
    const out = Buffer.concat([src, tail]);
    out.writeUInt32LE(out.length - 8, 4);
    writeFileSync(withTail, out);
    const fast = await probeFromHeader(withTail);
    expect(fast!.durationSec).toBeCloseTo((await probeFromHeader(join(dir, 'plain.wav')))!.durationSec, 6);
  });
});
