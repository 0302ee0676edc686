import { basename } from 'node:path';
import { AppError } from '../errors.js';

/**
 * Every error the audio layer raises on purpose, in one place so the wording is consistent: the
 * message says what is wrong with which file and why; the hint says what the reviewer can do.
 * `details.reason` is a stable machine-readable code for the UI and tests.
 */

export type AudioErrorReason =
  | 'missing'
  | 'unreadable'
  | 'not_a_file'
  | 'empty_file'
  | 'too_large'
  | 'not_audio'
  | 'unrecognised'
  | 'truncated'
  | 'no_samples'
  | 'no_audio_stream'
  | 'unsupported_codec'
  | 'decode_failed'
  | 'timeout'
  | 'tool_missing'
  | 'copy_failed';

const name = (path: string): string => `"${basename(path)}"`;

export function audioError(
  category: AppError['category'],
  reason: AudioErrorReason,
  message: string,
  hint: string,
  extra: { cause?: unknown; details?: Record<string, unknown> } = {},
): AppError {
  return new AppError(category, message, hint, { cause: extra.cause, details: { reason, ...extra.details } });
}

const errnoCode = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e && typeof (e).code === 'string'
    ? (e as { code: string }).code
    : undefined;

/** A failed fs call on a recording → a typed error (not found, permission, directory, other disk). */
export function fsError(path: string, e: unknown): AppError {
  const code = errnoCode(e);
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return audioError('not_found', 'missing', `The file ${name(path)} was not found at ${path}.`,
      'Check that the file still exists (it may have been moved, renamed or be on a disconnected drive) and add it again.', { cause: e });
  if (code === 'EACCES' || code === 'EPERM')
    return audioError('storage', 'unreadable', `The file ${name(path)} cannot be read: permission denied.`,
      'Give your user account read access to the file (or copy it to a folder you own) and try again.', { cause: e });
  if (code === 'EISDIR')
    return audioError('invalid_input', 'not_a_file', `${name(path)} is a folder, not an audio file.`,
      'Drop the recordings inside the folder, or the folder itself if importing folders is offered.', { cause: e });
  return audioError('storage', 'unreadable', `The file ${name(path)} could not be read (${code ?? 'disk error'}).`,
    'Check the disk or network share holding the file and try again.', { cause: e });
}

export const emptyFileError = (path: string): AppError =>
  audioError('invalid_input', 'empty_file', `The file ${name(path)} is empty (0 bytes), so there is no audio in it.`,
    'The recording was probably not saved or not copied completely. Export or copy it again from the recording system.');

export const tooLargeError = (path: string, sizeBytes: number, maxBytes: number): AppError =>
  audioError('invalid_input', 'too_large',
    `The file ${name(path)} is ${formatBytes(sizeBytes)}, larger than the ${formatBytes(maxBytes)} limit for one recording.`,
    'Split the recording into shorter parts or convert it to a compressed format (MP3, M4A, Opus), or raise the limit in Settings.',
    { details: { sizeBytes, maxBytes } });

export const notAudioError = (path: string, what: string): AppError =>
  audioError('unsupported_media', 'not_audio',
    `${name(path)} is not an audio recording: its content is ${what}, whatever its file extension says.`,
    'Pick the call recording itself (WAV, MP3, M4A, OGG/Opus, FLAC, WebM or MP4 with sound).', { details: { detected: what } });

export const unrecognisedError = (path: string, looksRandom: boolean): AppError =>
  audioError('unsupported_media', 'unrecognised',
    `${name(path)} is not in any audio format we recognise` +
      (looksRandom ? ': its content looks like random, encrypted or corrupted data.' : ': its first bytes match no known audio container.'),
    looksRandom
      ? 'If the recording system encrypts its files, export them decrypted (as WAV or MP3). Otherwise the file is damaged: copy it again.'
      : 'Convert the recording to WAV, MP3, M4A, OGG/Opus or FLAC and import it again.',
    { details: { looksRandom } });

export const truncatedError = (path: string, why: string): AppError =>
  audioError('invalid_input', 'truncated', `${name(path)} is truncated or damaged: ${why}.`,
    'The file was probably cut short while recording, downloading or copying. Copy it again from the original source.');

export const noSamplesError = (path: string, container: string): AppError =>
  audioError('invalid_input', 'no_samples',
    `${name(path)} has a valid ${container.toUpperCase()} header but contains no audio samples (0 seconds).`,
    'The recording was started but nothing was saved. Check the original in the recording system.');

export const noAudioStreamError = (path: string, hasVideo: boolean): AppError =>
  audioError('unsupported_media', 'no_audio_stream',
    hasVideo ? `${name(path)} is a video with no audio track, so there is nothing to transcribe.`
      : `${name(path)} contains no audio stream.`,
    'Export the recording again with its sound track included.', { details: { hasVideo } });

export const unsupportedCodecError = (path: string, codec: string, container: string): AppError =>
  audioError('unsupported_media', 'unsupported_codec',
    `${name(path)} is a ${container.toUpperCase()} file, but its audio codec (${codec}) is not one this app can decode.`,
    'Convert the recording to a common format (WAV PCM, MP3, AAC/M4A, Opus, FLAC) with your recording system or an audio converter.',
    { details: { codec, container } });

export const decodeFailedError = (path: string, stderr: string, cause?: unknown): AppError =>
  audioError('unsupported_media', 'decode_failed', `${name(path)} could not be decoded: ${firstLine(stderr) || 'the decoder failed'}.`,
    'The file may be damaged. Try playing it in a media player; if it plays, convert it to WAV or MP3 and import again.',
    { cause, details: { stderr: stderr.slice(-2000) } });

export const timeoutError = (path: string, tool: string, ms: number): AppError =>
  audioError('unsupported_media', 'timeout', `Reading ${name(path)} took longer than ${Math.round(ms / 1000)} s (${tool}), so it was stopped.`,
    'The file may be on a slow network share or damaged. Copy it to a local disk and try again.');

export const toolMissingError = (tool: string, cause: unknown): AppError =>
  audioError('internal', 'tool_missing', `The audio tool ${tool} could not be started.`,
    'Reinstall the app. On a development machine, run npm install or install ffmpeg on the PATH.', { cause });

function firstLine(s: string): string {
  return s.split('\n').map((l) => l.trim()).filter(Boolean).slice(-1)[0] ?? '';
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/**
 * Writing the library's copy of a recording failed (disk full, read-only folder...). The library turns
 * `details.code` into its own wording (it knows which folder and what to suggest).
 */
export const copyFailedError = (dest: string, e: unknown): AppError =>
  audioError('storage', 'copy_failed', `The recording could not be copied into the library (${errnoCode(e) ?? 'disk error'}).`,
    'Check the disk holding the library folder, then retry the failed files.', { cause: e, details: { code: errnoCode(e) ?? null, dest } });
