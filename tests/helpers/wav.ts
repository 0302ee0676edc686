/**
 * A small PCM WAV written in JS (no sox/ffmpeg needed): tones that switch between the channels every
 * second, so a stereo file has one "speaker" per channel. `seed` changes the pitch, so each test's file
 * has its own bytes (and is never a registered fixture).
 */
export function toneWav(opts: { channels: 1 | 2; seconds: number; sampleRate?: number; seed?: number }): Buffer {
  const rate = opts.sampleRate ?? 16_000;
  const frames = Math.round(rate * opts.seconds);
  const data = Buffer.alloc(frames * opts.channels * 2);
  const pitch = 220 + (opts.seed ?? 0) * 7;
  for (let i = 0; i < frames; i++) {
    const t = i / rate;
    const v = Math.round(Math.sin(2 * Math.PI * pitch * t) * 9000 + Math.sin(2 * Math.PI * 3.3 * t) * 2000);
    const turn = Math.floor(t) % 2;
    for (let c = 0; c < opts.channels; c++) data.writeInt16LE(opts.channels === 1 || c === turn ? v : 0, (i * opts.channels + c) * 2);
  }
  return Buffer.concat([wavHeader({ channels: opts.channels, sampleRate: rate, dataBytes: data.length }), data]);
}

/** The 44-byte canonical header; `dataBytes` may lie (hostile inputs claim terabytes). */
export function wavHeader(opts: { channels: number; sampleRate: number; dataBytes: number; riffBytes?: number }): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(Math.min(0xffffffff, opts.riffBytes ?? opts.dataBytes + 36), 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(opts.channels, 22);
  h.writeUInt32LE(opts.sampleRate, 24);
  h.writeUInt32LE(opts.sampleRate * opts.channels * 2, 28);
  h.writeUInt16LE(opts.channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(Math.min(0xffffffff, opts.dataBytes), 40);
  return h;
}
