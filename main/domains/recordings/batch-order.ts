import { stat } from 'node:fs/promises';

/**
 * "The first file of this batch with that content" means first in the order the files were given,
 * not first to finish hashing (files are hashed several at a time, and a copy can overtake its
 * original). Before a file claims its hash in the batch's `seen` map, it waits until the earlier
 * files have claimed theirs (or failed, or turned out duplicates), but only those of the same size:
 * different sizes cannot be the same content, so a long recording never holds up the short ones
 * after it. Runs in the main process; one per batch.
 */
export class BatchOrder {
  private readonly inflight = new Map<number, { size: Promise<number | null>; claimed: Promise<void> }>();

  /**
   * Call when file `index` starts (files start in order), with its size when already known (folder
   * expansion stats every file); call `claimed` once it has claimed its hash or will not (idempotent).
   */
  start(index: number, path: string, sizeHint?: number): { claimed(): void } {
    let done!: () => void;
    const claimed = new Promise<void>((r) => (done = r));
    const size = sizeHint !== undefined ? Promise.resolve(sizeHint) : stat(path).then((s) => s.size, () => null);
    this.inflight.set(index, { size, claimed });
    return {
      claimed: () => {
        this.inflight.delete(index);
        done();
      },
    };
  }

  /** Resolves when every earlier file of `sizeBytes` has claimed its hash (or will not). */
  async earlierClaimed(index: number, sizeBytes: number): Promise<void> {
    for (const [i, e] of [...this.inflight]) {
      if (i >= index) continue;
      if ((await e.size) === sizeBytes) await e.claimed;
    }
  }
}
