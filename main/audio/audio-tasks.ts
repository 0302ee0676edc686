import type { AudioMetrics } from '../../preload/contract/schemas/audio-metrics.js';
import type { AudioErrorReason } from './audio-errors.js';
import type { AudioMetricsOptions } from './metrics.js';
import type { AudioProbe, ProbeOptions } from './probe.js';

/**
 * The messages between run-in-worker.ts (caller side) and worker.ts (thread side). Plain data only:
 * everything here crosses a structured clone.
 */

export type ProbeAndHashOptions = Omit<ProbeOptions, 'signal'>;
export type MetricsTaskOptions = Omit<AudioMetricsOptions, 'signal'>;

export type AudioTask =
  | { kind: 'probeAndHash'; path: string; options?: ProbeAndHashOptions }
  | { kind: 'metrics'; path: string; options?: MetricsTaskOptions };

export interface ProbeAndHash {
  probe: AudioProbe;
  sha256: string;
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

export type WorkerRequest = { type: 'run'; task: AudioTask } | { type: 'abort' };

export type WorkerResponse =
  | { type: 'done'; value: AudioTaskResults[AudioTask['kind']]; stats: AudioTaskStats }
  | {
      type: 'failed';
      error: {
        isAppError: boolean;
        name: string;
        category: string;
        message: string;
        hint: string;
        reason?: AudioErrorReason;
        details: Record<string, unknown>;
      };
      stats: AudioTaskStats;
    };
