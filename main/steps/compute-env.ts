import type { ComputeCall } from '../jobs/transport.js';
import type { WorkerPool } from '../jobs/worker-pool.js';
import type { OpenAIAnalyzerOptions } from '../analysis/openai-analyzer.js';
import type { ApiStyleMemory } from '../providers/api-style.js';
import type { ProviderEnv } from '../providers/factory.js';

/** A recording's audio as a computation names it: never a path (a worker service has none). */
export interface AudioRef {
  recordingId: number;
  fileName: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * How a computation reaches audio: the library on this machine (embedded), or the storage service's
 * signed URLs (a worker service). Failures are AppErrors that say which file and what to do.
 */
export interface AudioAccess {
  /** A local file with the recording's audio, readable for as long as the computation runs. */
  file(ref: AudioRef, signal: AbortSignal): Promise<string>;
  /**
   * The stored audio is there and is the imported content: its size (`rehash` false, a library copy
   * named by its hash), or its SHA-256 (`rehash`, a file used in place that may change behind us).
   */
  verify(ref: AudioRef, opts: { rehash: boolean; signal: AbortSignal; progress: (fraction: number) => void; pool: WorkerPool }): Promise<void>;
}

/** Everything a step's computation may use: no database, no library folder, no queue. */
export interface ComputeEnv extends ComputeCall {
  providers: ProviderEnv;
  /** What each OpenAI-compatible base URL answered (chat vs responses), shared by the process's analyzers. */
  apiStyles: ApiStyleMemory;
  audio: AudioAccess;
  /** Test hook for the analysis model client. */
  analyzer?: OpenAIAnalyzerOptions;
}

export type Computation<I, R> = (input: I, env: ComputeEnv) => Promise<R>;

/** What the process gives every computation (the rest comes with each call). */
export type ComputeServices = Omit<ComputeEnv, keyof ComputeCall>;
