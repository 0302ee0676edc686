import { analyzeTranscript } from './analyze.js';
import type { Computation, ComputeEnv } from './compute-env.js';
import { indexFindings } from './index-findings.js';
import { localAnalysis } from './local-analysis.js';
import { audioMetrics } from './metrics.js';
import { probeAudio } from './probe.js';
import { transcribeAudio } from './transcribe.js';

/**
 * Every step's computation by name: what the embedded transport runs in this process and a worker
 * service runs elsewhere. Names are the pipeline's step names.
 */
export const computations = {
  probe: probeAudio,
  metrics: audioMetrics,
  transcribe: transcribeAudio,
  analyze: analyzeTranscript,
  local_analysis: localAnalysis,
  index: indexFindings,
} satisfies Record<string, Computation<never, unknown>>;

export type ComputationName = keyof typeof computations;
export const computationNames = Object.keys(computations) as ComputationName[];

export const isComputation = (kind: string): kind is ComputationName => Object.hasOwn(computations, kind);

/** Run one computation; the input is trusted to be what the storage service built for it. */
export function runComputation(kind: ComputationName, input: unknown, env: ComputeEnv): Promise<unknown> {
  return (computations[kind] as Computation<unknown, unknown>)(input, env);
}
