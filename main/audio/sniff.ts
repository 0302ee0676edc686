import { open, stat } from 'node:fs/promises';
import { isAppError } from '../errors.js';
import {
  emptyFileError,
  fsError,
  notAudioError,
  tooLargeError,
  unrecognisedError,
} from './audio-errors.js';
import {
  type AudioContainer,
  type AudioSignature,
  entropyBitsPerByte,
  matchAudio,
  matchNonAudio,
  matchText,
} from './sniff-signatures.js';

export type { AudioContainer, AudioSignature } from './sniff-signatures.js';

/**
 * Decide what a file is from its content, never its extension: call-centre exports are often
 * misnamed (Ogg saved as .wav, CSV reports dropped as .mp3). Runs in the main process or the worker.
 */

/** Enough for every signature, ID3 headers, and a fair entropy estimate. */
export const SNIFF_BYTES = 64 * 1024;

export type SniffVerdict =
  | ({ kind: 'audio' } & AudioSignature)
  | { kind: 'empty' }
  | { kind: 'not_audio'; what: string }
  | { kind: 'unrecognised'; looksRandom: boolean };

/** Pure: classify the first bytes of a file. */
export function sniffBuffer(head: Buffer): SniffVerdict {
  if (head.length === 0) return { kind: 'empty' };
  const audio = matchAudio(head);
  if (audio) return { kind: 'audio', ...audio };
  const other = matchNonAudio(head) ?? matchText(head);
  if (other) return { kind: 'not_audio', what: other };
  // Compressed media is high-entropy too, but would have matched a signature above.
  return { kind: 'unrecognised', looksRandom: head.length >= 256 && entropyBitsPerByte(head) > 7.2 };
}

export interface SniffedFile extends AudioSignature {
  sizeBytes: number;
  /** True for containers that usually carry video (mp4/mov/webm/mkv/asf): only the audio is used. */
  mayHaveVideo: boolean;
  /** The first bytes read (up to SNIFF_BYTES), for container-specific checks without a second read. */
  head: Buffer;
}

const VIDEO_CAPABLE: ReadonlySet<AudioContainer> = new Set(['mp4', 'webm', 'matroska', 'asf']);

export interface SniffOptions {
  /** Reject files larger than this (bytes) before reading them. */
  maxBytes?: number;
}

/** Stat + read the head of `path` and classify it; throws an AppError for anything not audio. */
export async function sniffFile(path: string, options: SniffOptions = {}): Promise<SniffedFile> {
  let sizeBytes: number;
  let head: Buffer;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    sizeBytes = st.size;
    if (sizeBytes === 0) throw emptyFileError(path);
    if (options.maxBytes !== undefined && sizeBytes > options.maxBytes) throw tooLargeError(path, sizeBytes, options.maxBytes);
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(Math.min(SNIFF_BYTES, sizeBytes));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    if (isAppError(e)) throw e;
    throw fsError(path, e);
  }
  const verdict = sniffBuffer(head);
  switch (verdict.kind) {
    case 'empty':
      throw emptyFileError(path);
    case 'not_audio':
      throw notAudioError(path, verdict.what);
    case 'unrecognised':
      throw unrecognisedError(path, verdict.looksRandom);
    case 'audio':
      return {
        container: verdict.container,
        variant: verdict.variant,
        sizeBytes,
        mayHaveVideo: VIDEO_CAPABLE.has(verdict.container),
        head,
      };
  }
}
