/**
 * Minimal RIFF/WAVE chunk walker: just enough to tell a header-only WAV (0 samples) and a WAV whose
 * data chunk was cut short from a good one, which ffprobe happily reports with the header's duration.
 */

export interface WavLayout {
  formatTag: number | null;
  channels: number | null;
  sampleRate: number | null;
  byteRate: number | null;
  /** Byte offset of the first sample, or null when no data chunk header was found in `head`. */
  dataOffset: number | null;
  /** Size the data chunk header announces; null when unknown (RF64, streaming writers' 0/0xFFFFFFFF). */
  declaredDataBytes: number | null;
}

export function parseWavHeader(head: Buffer): WavLayout {
  const out: WavLayout = {
    formatTag: null,
    channels: null,
    sampleRate: null,
    byteRate: null,
    dataOffset: null,
    declaredDataBytes: null,
  };
  const rf64 = head.toString('latin1', 0, 4) !== 'RIFF';
  let at = 12;
  while (at + 8 <= head.length) {
    const id = head.toString('latin1', at, at + 4);
    const size = head.readUInt32LE(at + 4);
    if (id === 'fmt ' && at + 24 <= head.length) {
      out.formatTag = head.readUInt16LE(at + 8);
      out.channels = head.readUInt16LE(at + 10);
      out.sampleRate = head.readUInt32LE(at + 12);
      out.byteRate = head.readUInt32LE(at + 16);
    }
    if (id === 'data') {
      out.dataOffset = at + 8;
      out.declaredDataBytes = rf64 || size === 0 || size === 0xffffffff ? null : size;
      break;
    }
    at += 8 + size + (size % 2); // chunks are word-aligned
  }
  return out;
}
