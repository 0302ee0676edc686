import { stat } from 'node:fs/promises';

/**
 * "The first file of this batch with that content" means first in the order the files were given,
 * not first to finish hashing (files are hashed several at a time, and a copy can overtake its
 * original). Before a file claims its hash, it waits for the earlier files still being hashed, but
 * only those of the same size: different sizes cannot be the same content, so a long recording never
 * holds up the short ones after it. Runs in the main process; one per batch.
 */
export class BatchOrder {
  private readonly inflight = new Map<number, { size: Promise<number | null>; sha: Promise<unknown> }>();

  /** Call when file `index` starts (files start in order); call `hashed` once its hash is known or it failed. */
  start(index: number, path: string): { hashed(): void } {
    let done!: () => void;
    const sha = new Promise<void>((r) => (done = r));
    const size = stat(path).then((s) => s.size, () => null);
    this.inflight.set(index, { size, sha });
    return {
      hashed: () => {
        this.inflight.delete(index);
        done();
      },
    };
  }

  /** Resolves when no earlier file of `sizeBytes` is still being hashed. */
  async earlierHashed(index: number, sizeBytes: number): Promise<void> {
    for (const [i, e] of [...this.inflight]) {
      if (i >= index) continue;
      if ((await e.size) === sizeBytes) await e.sha;
    }
  }
}
