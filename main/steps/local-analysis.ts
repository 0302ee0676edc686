import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import type { WorkerTaskResult } from '../workers/jobs-tasks.js';
import type { ComputeEnv } from './compute-env.js';

export type LocalAnalysisResult = WorkerTaskResult<'localAnalysis'> & { computeMs: number };

/**
 * `local_analysis`: conversation metrics, PII findings, rule checks and lexicon sentiment, no network.
 * Runs in the jobs worker pool (100-300 ms for an hour-long call would stall the event loop).
 */
export async function localAnalysis(input: { transcript: NormalizedTranscript }, env: ComputeEnv): Promise<LocalAnalysisResult> {
  const t0 = performance.now();
  const r = await env.pool.run('localAnalysis', { transcript: input.transcript }, { signal: env.signal });
  const computeMs = Math.round(performance.now() - t0);
  env.log.info({ ms: computeMs, segments: input.transcript.segments.length, pii: r.pii.length, rulesFailed: r.rules.filter((x) => !x.passed).length }, 'local analysis computed');
  return { ...r, computeMs };
}
