import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../../main/audio/hash.js';
import { probeAudio } from '../../main/audio/probe.js';
import { AudioProbeInfo } from '../../preload/contract/schemas/audio-metrics.js';
import { generateCalls, type GeneratedCalls } from '../helpers/fixtures.js';
import { type AudioVariant, makeVariant } from '../helpers/audio-variants.js';

const FORMATS = ['wav', 'mp3', 'm4a', 'ogg', 'flac'] as const;
const CONTAINER: Record<string, string> = { wav: 'wav', mp3: 'mp3', m4a: 'mp4', ogg: 'ogg', flac: 'flac' };

let stereo: GeneratedCalls;
let mono: GeneratedCalls;
beforeAll(() => {
  stereo = generateCalls({ formats: [...FORMATS] });
  mono = generateCalls({ formats: [...FORMATS], mono: true });
});

describe('probeAudio: every generated format', () => {
  for (const layout of ['stereo', 'mono'] as const) {
    for (const fmt of FORMATS) {
      it(`${layout} ${fmt}: duration ±0.1 s, channels, container by content`, async () => {
        const calls = layout === 'stereo' ? stereo : mono;
        for (const id of calls.ids) {
          const truth = calls.truth(id);
          const p = await probeAudio(calls.file(id, fmt));
          expect(AudioProbeInfo.parse(p)).toEqual(p);
          expect(Math.abs(p.durationSec - truth.duration_s)).toBeLessThanOrEqual(0.1);
          expect(p.channels).toBe(truth.channels);
          expect(p.stereoSplitPossible).toBe(truth.channels === 2);
          expect(p.container).toBe(CONTAINER[fmt]);
          expect(p.sampleRate).toBe(16000);
        }
      });
    }
  }
});

describe('probeAudio: other containers and telephony codecs', () => {
  const cases: { variant: AudioVariant; codec: string; container: string; channels: number; sampleRate: number }[] = [
    { variant: 'webm-opus', codec: 'opus', container: 'webm', channels: 2, sampleRate: 48000 },
    { variant: 'ogg-opus', codec: 'opus', container: 'ogg', channels: 2, sampleRate: 48000 },
    { variant: 'mp4-video', codec: 'aac', container: 'mp4', channels: 2, sampleRate: 16000 },
    { variant: 'mov-video', codec: 'aac', container: 'mp4', channels: 2, sampleRate: 16000 },
    { variant: 'wav-mulaw', codec: 'pcm_mulaw', container: 'wav', channels: 2, sampleRate: 8000 },
    { variant: 'wav-alaw', codec: 'pcm_alaw', container: 'wav', channels: 2, sampleRate: 8000 },
    { variant: 'wav-gsm', codec: 'gsm_ms', container: 'wav', channels: 1, sampleRate: 8000 },
  ];
  for (const c of cases) {
    it(`${c.variant}: ${c.codec} in ${c.container}`, async () => {
      const id = stereo.ids[0]!;
      const p = await probeAudio(makeVariant(stereo.file(id, 'wav'), c.variant));
      expect(p).toMatchObject({ codec: c.codec, container: c.container, channels: c.channels, sampleRate: c.sampleRate });
      expect(Math.abs(p.durationSec - stereo.truth(id).duration_s)).toBeLessThanOrEqual(0.1);
    });
  }

  it('accepts a valid Ogg named .wav (content wins over extension)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qa-misnamed-'));
    const misnamed = join(dir, 'really-ogg.wav');
    copyFileSync(stereo.file(stereo.ids[1]!, 'ogg'), misnamed);
    const p = await probeAudio(misnamed);
    expect(p.container).toBe('ogg');
    expect(p.codec).toBe('vorbis');
  });
});

describe('sha256File', () => {
  it('matches a one-shot hash of the whole file', async () => {
    const file = stereo.file(stereo.ids[0]!, 'wav');
    const expected = createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(await sha256File(file)).toBe(expected);
  });

  it('a missing file is not_found', async () => {
    await expect(sha256File('/no/such/file.wav')).rejects.toMatchObject({ category: 'not_found' });
  });
});
