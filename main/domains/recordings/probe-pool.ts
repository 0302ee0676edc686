import { availableParallelism } from 'node:os';
import type { ProbeAndHash, ProbeAndHashOptions } from '../../audio/audio-tasks.js';
import { probeFromHeader } from '../../audio/probe.js';
import { AudioWorkerPool } from '../../audio/run-in-worker.js';

/**
 * The import's own pool of long-lived audio worker threads (kept apart from the shared pool that
 * decodes for metrics, so a batch import never waits behind hour-long decodes; it is the foreground
 * pool: background audio tasks start only when no import task is pending, see run-in-worker.ts).
 * An import task mostly waits on the disk: the copy (hash.ts) blocks its thread on purpose, so there
 * are more threads than cores (several fsyncs in flight let the file system commit them together),
 * each also taking a second task for probes that wait on ffprobe. Probing, hashing and copying never run on the main thread. A crashed thread fails only its
 * tasks and is replaced.
 */
export class ProbePool {
  private readonly pool: AudioWorkerPool;

  constructor(size = Math.max(4, Math.min(8, availableParallelism() * 2)), tasksPerWorker = 2) {
    this.pool = new AudioWorkerPool({ size, tasksPerWorker, priority: 'foreground' });
  }

  /** Threads at most. */
  get size(): number {
    return this.pool.size;
  }

  /** Files in flight at most. */
  get capacity(): number {
    return this.pool.capacity;
  }

  async probeAndHash(path: string, options: ProbeAndHashOptions = {}): Promise<ProbeAndHash> {
    // Hash known and nothing to copy (an upload hashed while streaming): an uncompressed WAV is then
    // described by its header alone, read here, so a 1 GB WAV upload starts no thread at all.
    if (options.sha256 && !options.copyTo) {
      const probe = await probeFromHeader(path, { maxBytes: options.maxBytes });
      if (probe) return { probe, sha256: options.sha256 };
    }
    return this.pool.probeAndHash(path, options);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
