import { createHash, type Hash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { copyFailedError, fsError } from './audio-errors.js';

/**
 * Streaming SHA-256 of a file (the library names recordings by it), and the import's copy into the
 * library that hashes the bytes as it copies them, so a file is read once, not twice. Both read into
 * fixed, reused buffers: no new 1 MiB buffer per chunk for the GC to catch up with, so a 1 GB file
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

/** Read `src` to the end into `hash`; returns the byte count. */
async function readAll(src: FileHandle, hash: Hash, signal: AbortSignal | undefined): Promise<number> {
  const buf = takeBuffer();
  let total = 0;
  try {
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      const { bytesRead } = await src.read(buf, 0, buf.length, null);
      if (bytesRead === 0) return total;
      hash.update(buf.subarray(0, bytesRead));
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

/** Between two looks at the thread's messages (an abort), at most this much is copied. */
const YIELD_EVERY = 32 * 1024 * 1024;

/**
 * Copy `src` to a new file `dest` (which must not exist), hashing what is copied, then fsync `dest` so
 * it can be renamed into the library as a complete file. On any failure the new `dest` is removed. Errors
 * reading `src` are the usual fsError; errors writing `dest` are `copy_failed` with the errno code.
 *
 * Worker threads only: the file calls are synchronous. Every async fs call goes through libuv's
 * threadpool (4 threads for the whole process, main thread included), and an fsync holds one of them
 * for milliseconds: with a few imports fsyncing at once, every other file operation of the process
 * queued behind them (a 1,000-file import ran twice as long). Blocking this worker thread instead
 * costs nothing else; it still looks at its messages every 32 MB so an abort is seen.
 */
export async function copyAndHash(src: string, dest: string, options: { signal?: AbortSignal } = {}): Promise<CopyAndHash> {
  const { signal } = options;
  const hash = createHash('sha256');
  let input: number | undefined;
  let output: number | undefined;
  let bytes = 0;
  let created = false;
  const buf = takeBuffer();
  try {
    try {
      input = openSync(src, 'r');
    } catch (e) {
      throw fsError(src, e);
    }
    try {
      output = openSync(dest, 'wx');
      created = true;
    } catch (e) {
      throw copyFailedError(dest, e);
    }
    let sinceYield = 0;
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      let n: number;
      try {
        n = readSync(input, buf, 0, buf.length, null);
      } catch (e) {
        throw fsError(src, e);
      }
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      let at = 0;
      try {
        while (at < n) at += writeSync(output, buf, at, n - at);
      } catch (e) {
        throw copyFailedError(dest, e);
      }
      bytes += n;
      sinceYield += n;
      if (sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await new Promise((r) => setImmediate(r));
      }
    }
    try {
      fsyncSync(output);
      closeSync(output);
      output = undefined;
    } catch (e) {
      throw copyFailedError(dest, e);
    }
  } catch (e) {
    if (output !== undefined) closeQuietly(output);
    output = undefined;
    try {
      if (created) rmSync(dest, { force: true }); // never a file this call did not create
    } catch {
      // the sweep at the next start removes what is left in .partial
    }
    throw e;
  } finally {
    giveBuffer(buf);
    if (input !== undefined) closeQuietly(input);
  }
  return { sha256: hash.digest('hex'), bytes };
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed or never valid: nothing to release
  }
}
