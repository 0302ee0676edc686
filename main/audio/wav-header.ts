/**
 * Minimal RIFF/WAVE chunk walker: enough to tell a header-only WAV (0 samples) and a WAV whose data
 * chunk was cut short from a good one (which ffprobe happily reports with the header's duration), and
 * to describe plain PCM / G.711 WAVs without running ffprobe at all (see `pcmWavFacts`).
 */

export interface WavLayout {
  /** False for RF64/BW64 (sizes live in a ds64 chunk this walker does not read). */
  riff: boolean;
  formatTag: number | null;
  /** WAVE_FORMAT_EXTENSIBLE (0xFFFE): the real format tag, from the first two bytes of the SubFormat GUID. */
  subFormatTag: number | null;
  channels: number | null;
  sampleRate: number | null;
  byteRate: number | null;
  blockAlign: number | null;
  bitsPerSample: number | null;
  /** Byte offset of the first sample, or null when no data chunk header was found in `head`. */
  dataOffset: number | null;
  /** Size the data chunk header announces; null when unknown (RF64, streaming writers' 0/0xFFFFFFFF). */
  declaredDataBytes: number | null;
}

const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

export function parseWavHeader(head: Buffer): WavLayout {
  const out: WavLayout = {
    riff: head.toString('latin1', 0, 4) === 'RIFF',
    formatTag: null,
    subFormatTag: null,
    channels: null,
    sampleRate: null,
    byteRate: null,
    blockAlign: null,
    bitsPerSample: null,
    dataOffset: null,
    declaredDataBytes: null,
  };
  let at = 12;
  while (at + 8 <= head.length) {
    const id = head.toString('latin1', at, at + 4);
    const size = head.readUInt32LE(at + 4);
    if (id === 'fmt ' && at + 24 <= head.length) {
      out.formatTag = head.readUInt16LE(at + 8);
      out.channels = head.readUInt16LE(at + 10);
      out.sampleRate = head.readUInt32LE(at + 12);
      out.byteRate = head.readUInt32LE(at + 16);
      out.blockAlign = head.readUInt16LE(at + 20);
      out.bitsPerSample = head.readUInt16LE(at + 22);
      // cbSize(2) validBits(2) channelMask(4) SubFormat GUID(16): the GUID starts with the format tag.
      if (out.formatTag === WAVE_FORMAT_EXTENSIBLE && size >= 40 && at + 8 + 26 <= head.length) {
        out.subFormatTag = head.readUInt16LE(at + 8 + 24);
      }
    }
    if (id === 'data') {
      out.dataOffset = at + 8;
      out.declaredDataBytes = !out.riff || size === 0 || size === 0xffffffff ? null : size;
      break;
    }
    at += 8 + size + (size % 2); // chunks are word-aligned
  }
  return out;
}

/** What ffprobe would say about a plain PCM / G.711 WAV, read from its header alone. */
export interface PcmWavFacts {
  /** ffmpeg's codec name (pcm_s16le, pcm_mulaw...), as ffprobe reports it. */
  codec: string;
  channels: number;
  sampleRate: number;
  /** bits per second of the audio stream (sample rate × channels × bits per sample). */
  bitRate: number;
  durationSec: number;
}

/** ffmpeg codec names of the uncompressed formats, by format tag then bits per sample. */
const PCM_CODECS: Record<number, Record<number, string>> = {
  1: { 8: 'pcm_u8', 16: 'pcm_s16le', 24: 'pcm_s24le', 32: 'pcm_s32le' },
  3: { 32: 'pcm_f32le', 64: 'pcm_f64le' },
  6: { 8: 'pcm_alaw' },
  7: { 8: 'pcm_mulaw' },
};

/**
 * For uncompressed WAVs the header is authoritative: every byte of the data chunk is a sample, so the
 * duration is the data size over the byte rate and nothing needs decoding (any bytes are valid PCM).
 * Returns null for anything that is not plainly such a WAV (compressed codecs, RF64, unknown data
 * size, inconsistent fmt fields, data chunk not in the head): ffprobe decides those.
 * Call after the truncation check: `declaredDataBytes` must be known to fit in the file.
 */
export function pcmWavFacts(wav: WavLayout): PcmWavFacts | null {
  const { channels, sampleRate, byteRate, blockAlign, bitsPerSample, declaredDataBytes } = wav;
  if (!wav.riff || wav.dataOffset === null || declaredDataBytes === null) return null;
  if (!channels || !sampleRate || !byteRate || !blockAlign || !bitsPerSample) return null;
  const tag = wav.formatTag === WAVE_FORMAT_EXTENSIBLE ? wav.subFormatTag : wav.formatTag;
  if (tag === null) return null;
  const codec = PCM_CODECS[tag]?.[bitsPerSample];
  if (!codec) return null;
  if (channels > 64 || sampleRate > 768_000) return null;
  if (blockAlign !== (channels * bitsPerSample) / 8 || byteRate !== sampleRate * blockAlign) return null;
  if (declaredDataBytes < blockAlign) return null; // not even one frame: let ffprobe word it
  const frames = Math.floor(declaredDataBytes / blockAlign);
  return { codec, channels, sampleRate, bitRate: sampleRate * channels * bitsPerSample, durationSec: frames / sampleRate };
}
