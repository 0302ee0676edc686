import { createHash, type Hash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { copyFailedError, fsError } from './audio-errors.js';

/**
 * Streaming SHA-256 of a file (the library names recordings by it), and the import's copy into the
 * library that hashes the bytes as it copies them, so a file is read once, not twice. Both read into
 * a fixed, reused buffer: no new 1 MiB buffer per chunk for the GC to catch up with, so a 1 GB file
 * costs the same memory as a 1 MB one. Runs in the audio worker thread.
 */

const CHUNK = 1024 * 1024;
/** Buffers handed back by finished reads, reused by the next ones (a few tasks run at once per thread). */
const spare: Buffer[] = [];
const MAX_SPARE = 8;

function takeBuffer(): Buffer {
  return spare.pop() ?? Buffer.allocUnsafe(CHUNK);
}

function giveBuffer(buf: Buffer): void {
  if (spare.length < MAX_SPARE) spare.push(buf);
}

function abortError(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  return r instanceof Error ? r : Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}

/** Read `src` to the end into `hash`, passing each chunk to `sink` (awaited before the buffer is reused). */
async function readAll(src: FileHandle, hash: Hash, signal: AbortSignal | undefined, sink?: (chunk: Buffer) => Promise<void>): Promise<number> {
  const buf = takeBuffer();
  let total = 0;
  try {
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      const { bytesRead } = await src.read(buf, 0, buf.length, null);
      if (bytesRead === 0) return total;
      const chunk = buf.subarray(0, bytesRead);
      hash.update(chunk);
      if (sink) await sink(chunk);
      total += bytesRead;
    }
  } finally {
    giveBuffer(buf);
  }
}

export async function sha256File(path: string, options: { signal?: AbortSignal } = {}): Promise<string> {
  const hash = createHash('sha256');
  let fh: FileHandle | undefined;
  try {
    fh = await open(path, 'r');
    await readAll(fh, hash, options.signal);
  } catch (e) {
    if (options.signal?.aborted) throw e;
    throw fsError(path, e);
  } finally {
    await fh?.close().catch(() => {});
  }
  return hash.digest('hex');
}

export interface CopyAndHash {
  sha256: string;
  /** Bytes written to `dest` (the caller compares them with the size it probed). */
  bytes: number;
}

/**
 * Copy `src` to a new file `dest` (which must not exist), hashing what is copied, then fsync `dest` so
 * it can be renamed into the library as a complete file. On any failure `dest` is removed. Errors
 * reading `src` are the usual fsError; errors writing `dest` are `copy_failed` with the errno code.
 */
export async function copyAndHash(src: string, dest: string, options: { signal?: AbortSignal } = {}): Promise<CopyAndHash> {
  const hash = createHash('sha256');
  let input: FileHandle | undefined;
  let output: FileHandle | undefined;
  let bytes = 0;
  try {
    try {
      input = await open(src, 'r');
    } catch (e) {
      throw fsError(src, e);
    }
    try {
      output = await open(dest, 'wx');
    } catch (e) {
      throw copyFailedError(dest, e);
    }
    const out = output;
    const write = async (chunk: Buffer): Promise<void> => {
      let at = 0;
      while (at < chunk.length) {
        try {
          at += (await out.write(chunk, at, chunk.length - at)).bytesWritten;
        } catch (e) {
          throw copyFailedError(dest, e);
        }
      }
    };
    try {
      bytes = await readAll(input, hash, options.signal, write);
    } catch (e) {
      if (options.signal?.aborted || (e as { name?: string }).name === 'AppError') throw e;
      throw fsError(src, e);
    }
    try {
      await out.sync();
      await out.close();
      output = undefined;
    } catch (e) {
      throw copyFailedError(dest, e);
    }
  } catch (e) {
    await output?.close().catch(() => {});
    output = undefined;
    await rm(dest, { force: true }).catch(() => {});
    throw e;
  } finally {
    await input?.close().catch(() => {});
  }
  return { sha256: hash.digest('hex'), bytes };
}
