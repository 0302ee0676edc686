import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { AppError } from '../../errors.js';

/**
 * Write with backpressure: when the destination's buffer is full (a slow HTTP client, a slow disk)
 * wait for 'drain' before producing more, so memory holds at most one chunk beyond the buffer. A
 * destination that closes early (the browser cancelled the download) stops the export.
 */
export async function write(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.destroyed || out.writableEnded) throw new AppError('network', 'The download was cancelled.', 'Start the export again.');
  if (out.write(chunk)) return;
  await waitDrain(out);
}

export async function waitDrain(out: Writable): Promise<void> {
  if (!out.writableNeedDrain) return;
  const ac = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: ac.signal }),
      once(out, 'close', { signal: ac.signal }).then(() => {
        throw new AppError('network', 'The download was cancelled.', 'Start the export again.');
      }),
    ]);
  } finally {
    ac.abort();
  }
}

/** Progress callback throttled to one call per `every` rows plus the last one. */
export function progressEvery(every: number, total: number, fn?: (done: number, total: number, finished: boolean) => void) {
  let last = 0;
  return (done: number, finished = false) => {
    if (!fn) return;
    if (finished || done - last >= every) {
      last = done;
      fn(done, total, finished);
    }
  };
}
