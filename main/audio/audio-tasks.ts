import type { AudioMetrics } from '../../preload/contract/schemas/audio-metrics.js';
import type { AudioMetricsOptions } from './metrics.js';
import type { AudioProbe, ProbeOptions } from './probe.js';
import type { WorkerErrorInfo } from '../util/worker-error.js';

/**
 * The messages between run-in-worker.ts (caller side) and worker.ts (thread side). Plain data only:
 * everything here crosses a structured clone.
 */

export type ProbeAndHashOptions = Omit<ProbeOptions, 'signal'> & {
  /**
   * Copy the file to this new path (a temp file in the library's .partial folder) while hashing it,
   * fsynced, so the import reads each file once. Removed again if anything fails.
   */
  copyTo?: string;
  /** The hash is already known (an upload hashed while it streamed to disk): do not read the file again. */
  sha256?: string;
};
export type MetricsTaskOptions = Omit<AudioMetricsOptions, 'signal'>;

export type AudioTask =
  | { kind: 'probeAndHash'; path: string; options?: ProbeAndHashOptions }
  | { kind: 'metrics'; path: string; options?: MetricsTaskOptions };

export interface ProbeAndHash {
  probe: AudioProbe;
  sha256: string;
  /** With `copyTo`: how many bytes were written there. */
  copiedBytes?: number;
}

export interface AudioTaskResults {
  probeAndHash: ProbeAndHash;
  metrics: AudioMetrics;
}

/** How the task ran, measured inside the worker. RSS is the whole process's (threads share it). */
export interface AudioTaskStats {
  elapsedMs: number;
  peakRssMb: number;
}

/** A worker runs many tasks at once; `id` (chosen by the caller, unique per worker) ties the messages. */
export type WorkerRequest = { type: 'run'; id: number; task: AudioTask } | { type: 'abort'; id: number };

export type WorkerResponse =
  /** Sent once, when the thread has loaded its code and listens for tasks. */
  | { type: 'ready' }
  | { type: 'done'; id: number; value: AudioTaskResults[AudioTask['kind']]; stats: AudioTaskStats }
  | {
      type: 'failed';
      id: number;
      error: WorkerErrorInfo;
      stats: AudioTaskStats;
    };
