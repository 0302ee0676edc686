import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { fsError } from './audio-errors.js';

/**
 * Streaming SHA-256 of a file: 1 MiB reads (few syscalls, fast on large recordings) into the hash,
 * so memory stays constant whatever the file size. The library names recordings by this hash.
 */
export async function sha256File(path: string, options: { signal?: AbortSignal } = {}): Promise<string> {
  const hash = createHash('sha256');
  try {
    await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), hash, { signal: options.signal });
  } catch (e) {
    if (options.signal?.aborted) throw e;
    throw fsError(path, e);
  }
  return hash.digest('hex');
}
