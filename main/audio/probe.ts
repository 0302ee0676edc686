import { isAppError } from '../errors.js';
import {
  noAudioStreamError,
  noSamplesError,
  truncatedError,
  unsupportedCodecError,
} from './audio-errors.js';
import { type FfprobeStream, runFfprobe } from './ffprobe.js';
import { countDecodableFrames } from './pcm.js';
import { type SniffedFile, sniffFile } from './sniff.js';
import { parseWavHeader, pcmWavFacts, type WavLayout } from './wav-header.js';

/**
 * What a recording is: sniffed by content, described by ffprobe, then proven decodable by decoding a
 * second at the start and one near the end (ffprobe trusts headers, so a file cut short while copying
 * still reports its full duration; the tail decode catches that). Runs in the audio worker.
 *
 * Fast path: an uncompressed WAV (PCM, float, A-law, µ-law) is fully described by its header, and the
 * header is checked against the file size (truncation, 0 samples), so nothing is spawned for it:
 * ffprobe + two ffmpeg decodes cost ~35 ms a file, the header read well under 1 ms.
 */

export interface AudioProbe {
  durationSec: number;
  /** ffmpeg codec name: pcm_s16le, pcm_mulaw, pcm_alaw, gsm_ms, mp3, aac, opus, vorbis, flac... */
  codec: string;
  sampleRate: number;
  channels: number;
  /** bits per second, null when the container does not say. */
  bitRate: number | null;
  /** Container sniffed from the content (wav, mp3, mp4, ogg, flac, webm...), not the extension. */
  container: string;
  sizeBytes: number;
  /** Two channels: agent (left) and customer (right) can be measured apart. */
  stereoSplitPossible: boolean;
}

export interface ProbeOptions {
  /** Reject files larger than this many bytes before decoding anything. */
  maxBytes?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Decode a second at the start and near the end (default true). */
  verifyDecode?: boolean;
}

export async function probeAudio(path: string, options: ProbeOptions = {}): Promise<AudioProbe> {
  const sniffed = await sniffFile(path, { maxBytes: options.maxBytes });
  const fromHeader = describeFromHeader(path, sniffed);
  if (fromHeader) return fromHeader;

  const probed = await runFfprobe(path, { timeoutMs: options.timeoutMs, signal: options.signal });
  if (!probed.ok) {
    throw truncatedError(path, `it starts like a ${sniffed.container.toUpperCase()} file but the rest cannot be read (${lastLine(probed.stderr)})`);
  }
  const { streams, format } = probed.data;
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (!audio) throw noAudioStreamError(path, streams.some(isRealVideo));

  const codec = audio.codec_name;
  if (!codec || codec === 'none' || codec === 'unknown') {
    throw unsupportedCodecError(path, describeTag(audio), sniffed.container);
  }
  const channels = audio.channels ?? 0;
  const sampleRate = audio.sample_rate ?? 0;
  if (channels < 1 || sampleRate < 1) throw unsupportedCodecError(path, codec, sniffed.container);

  const durationSec = audio.duration ?? format?.duration ?? 0;
  if (!(durationSec > 0)) throw noSamplesError(path, sniffed.container);

  if (options.verifyDecode !== false) {
    const estimated = /Estimating duration from bitrate/i.test(probed.warnings);
    await verifyDecodable(path, sniffed.container, codec, channels, durationSec, estimated, options.signal);
  }

  return {
    durationSec,
    codec,
    sampleRate,
    channels,
    bitRate: audio.bit_rate ?? format?.bit_rate ?? null,
    container: sniffed.container,
    sizeBytes: sniffed.sizeBytes,
    stereoSplitPossible: channels === 2,
  };
}

/**
 * The fast path alone: the probe of an uncompressed WAV (read from its first 64 KB, no process
 * spawned, microseconds of CPU), or null when the file needs the full probe (compressed codecs, other
 * containers). Throws like probeAudio for what is not audio, truncated, empty, too large... Cheap
 * enough for the main thread: the upload route's staged files use it and need no worker at all.
 */
export async function probeFromHeader(path: string, options: Pick<ProbeOptions, 'maxBytes'> = {}): Promise<AudioProbe | null> {
  return describeFromHeader(path, await sniffFile(path, { maxBytes: options.maxBytes }));
}

function describeFromHeader(path: string, sniffed: SniffedFile): AudioProbe | null {
  if (sniffed.container !== 'wav') return null;
  const pcm = pcmWavFacts(checkWavLayout(path, sniffed));
  if (!pcm) return null;
  return {
    durationSec: pcm.durationSec,
    codec: pcm.codec,
    sampleRate: pcm.sampleRate,
    channels: pcm.channels,
    bitRate: pcm.bitRate,
    container: 'wav',
    sizeBytes: sniffed.sizeBytes,
    stereoSplitPossible: pcm.channels === 2,
  };
}

/** Header-only and cut-short WAVs: the data chunk says how much audio there should be. */
function checkWavLayout(path: string, sniffed: SniffedFile): WavLayout {
  const wav = parseWavHeader(sniffed.head);
  const wholeFileRead = sniffed.head.length === sniffed.sizeBytes;
  if (wav.dataOffset === null) {
    if (wholeFileRead) throw noSamplesError(path, 'wav');
    return wav; // data chunk beyond what we read (huge metadata chunks): let ffprobe decide
  }
  const available = sniffed.sizeBytes - wav.dataOffset;
  if (available <= 0) throw noSamplesError(path, 'wav');
  const declared = wav.declaredDataBytes;
  if (declared !== null && declared > available + 1) {
    const rate = wav.byteRate && wav.byteRate > 0 ? wav.byteRate : null;
    const why = rate
      ? `its header announces ${(declared / rate).toFixed(1)} s of audio but the file holds only ${(available / rate).toFixed(1)} s`
      : `its header announces ${declared} bytes of audio but the file holds only ${available}`;
    throw truncatedError(path, why);
  }
  return wav;
}

async function verifyDecodable(
  path: string,
  container: string,
  codec: string,
  channels: number,
  durationSec: number,
  durationIsEstimate: boolean,
  signal: AbortSignal | undefined,
): Promise<void> {
  let headFrames: number;
  try {
    headFrames = await countDecodableFrames(path, { channels, durationSec: 1, signal });
  } catch (e) {
    if (isAppError(e) && /decoder|not found|unsupported|not implemented/i.test(typeof e.details.stderr === 'string' ? e.details.stderr : '')) {
      throw unsupportedCodecError(path, codec, container);
    }
    throw e;
  }
  if (headFrames === 0) throw noSamplesError(path, container);
  // A duration guessed from the bit rate (MP3 without a Xing header) can overshoot: no tail check then.
  if (durationSec < 3 || durationIsEstimate) return;
  const start = durationSec - 1.5;
  let tailFrames = 0;
  try {
    tailFrames = await countDecodableFrames(path, { channels, startSec: start, durationSec: 1, signal });
  } catch (e) {
    if (signal?.aborted) throw e;
  }
  if (tailFrames === 0) {
    throw truncatedError(path, `its header announces ${durationSec.toFixed(1)} s of audio but the audio stops before the end`);
  }
}

function isRealVideo(s: FfprobeStream): boolean {
  return s.codec_type === 'video' && !(s.disposition?.attached_pic === 1); // cover art is not video
}

function describeTag(s: FfprobeStream): string {
  const tag = s.codec_tag_string;
  return tag && tag !== '[0][0][0][0]' ? `unknown codec, tag ${tag}` : 'unknown codec';
}

function lastLine(s: string): string {
  const lines = s.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? 'no details';
}
