import { beforeAll, describe, expect, it } from 'vitest';
import { decodePcm } from '../../main/audio/pcm.js';
import { generateCalls, type GeneratedCalls } from '../helpers/fixtures.js';
import { longCall } from '../helpers/audio-variants.js';
import { waitFor } from '../helpers/wait-for.js';

let calls: GeneratedCalls;
let long: string;
beforeAll(() => {
  calls = generateCalls({ formats: ['wav', 'mp3', 'm4a', 'ogg', 'flac'] });
  long = longCall(calls.ids.map((id) => calls.file(id, 'wav')), 60, 'wav');
});

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('decodePcm', () => {
  it('yields whole interleaved frames in the asked format, rate and channel count', async () => {
    const id = calls.ids[0]!;
    for (const format of ['s16le', 'f32le'] as const) {
      for (const sampleRate of [8000, 16000] as const) {
        let frames = 0;
        const pcm = decodePcm(calls.file(id, 'm4a'), { format, sampleRate, channels: 2 });
        for await (const chunk of pcm) {
          expect(chunk.samples).toBeInstanceOf(format === 's16le' ? Int16Array : Float32Array);
          expect(chunk.samples.length).toBe(chunk.frames * 2);
          expect(chunk.startFrame).toBe(frames);
          frames += chunk.frames;
        }
        expect(Math.abs(frames / sampleRate - calls.truth(id).duration_s)).toBeLessThan(0.1);
      }
    }
  });

  it('decodes a 60-minute call with bounded memory (nothing grows with duration)', async () => {
    const pcm = decodePcm(long, { format: 'f32le', sampleRate: 16000, channels: 2 });
    let frames = 0;
    let maxChunkBytes = 0;
    let maxBuffered = 0;
    const samples: number[] = [];
    let baseline = 0;
    for await (const chunk of pcm) {
      frames += chunk.frames;
      maxChunkBytes = Math.max(maxChunkBytes, chunk.samples.byteLength);
      maxBuffered = Math.max(maxBuffered, pcm.source.readableLength);
      if (frames > 16000 * 60 && baseline === 0) baseline = process.memoryUsage().rss;
      if (baseline > 0 && samples.length < 100_000) samples.push(process.memoryUsage().rss);
    }
    const decodedSec = frames / 16000;
    expect(decodedSec).toBeGreaterThan(3599);
    // 460 MB of PCM went through; chunks and the stream buffer stayed pipe-sized.
    expect(maxChunkBytes).toBeLessThanOrEqual(1024 * 1024);
    expect(maxBuffered).toBeLessThanOrEqual(4 * pcm.source.readableHighWaterMark + maxChunkBytes);
    const growthMb = (Math.max(...samples) - baseline) / 1024 / 1024;
    expect(growthMb).toBeLessThan(64);
  });

  it('respects backpressure: a consumer that stops pulling stops ffmpeg', async () => {
    const pcm = decodePcm(long, { format: 's16le', sampleRate: 16000, channels: 2 });
    const it = pcm[Symbol.asyncIterator]();
    await it.next();
    await new Promise((r) => setTimeout(r, 500));
    // In 500 ms ffmpeg could decode minutes of audio; with nobody reading, only one pipe read (64 KB)
    // waits in the stream and the rest stays in ffmpeg, blocked on the full pipe.
    const buffered = pcm.source.readableLength;
    expect(buffered).toBeLessThanOrEqual(pcm.source.readableHighWaterMark + 64 * 1024);
    await new Promise((r) => setTimeout(r, 300));
    expect(pcm.source.readableLength).toBe(buffered);
    await it.return?.();
    // Exit takes a moment on a busy machine: wait for it (bounded) rather than a fixed sleep.
    await waitFor('ffmpeg to exit after return()', () => (alive(pcm.pid!) ? null : true), 10_000);
  });

  it('abort kills ffmpeg and rejects with AbortError', async () => {
    const ac = new AbortController();
    const pcm = decodePcm(long, { channels: 2, signal: ac.signal });
    let chunks = 0;
    const run = (async () => {
      for await (const _ of pcm) if (++chunks === 3) ac.abort();
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    await waitFor('ffmpeg to exit after abort', () => (alive(pcm.pid!) ? null : true), 10_000);
  });

  it('a decode failure is an AppError with ffmpeg’s reason', async () => {
    const pcm = decodePcm('/no/such/file.wav', { channels: 1 });
    await expect((async () => { for await (const _ of pcm) { /* drain */ } })()).rejects.toMatchObject({
      name: 'AppError',
      category: 'unsupported_media',
      message: expect.stringMatching(/could not be decoded: .*No such file/),
    });
  });
});
