import type { AnalyzerResult } from '../../analysis/types.js';
import type { StepRunner } from '../../jobs/types.js';
import type { TranscriptionResult } from '../../providers/types.js';
import type { ProviderServices } from './services.js';

/**
 * The queue's transcribe and analyze steps. Each attempt is at most one provider request per chunk
 * (SDK retries are off); errors are AppErrors whose category and details.status/retryAfterSec drive
 * the queue's retry and circuit logic. A missing or rejected key parks the job in "waiting for an API
 * key" rather than failing it. Results are written in `persist`, inside the queue's fenced commit.
 */
export function transcribeStep(s: ProviderServices): StepRunner {
  return {
    placement: (settings) => ({
      provider: settings.transcriptionProvider,
      lane: `${settings.transcriptionProvider}:transcribe`,
      concurrency: settings.transcribeConcurrency,
    }),
    alreadyDone: (ctx) => s.transcription.transcripts.exists(ctx.job.recordingId),
    async run(ctx) {
      const out = await s.transcription.transcribe(ctx.job.recordingId, (input) => ctx.compute<TranscriptionResult>('transcribe', input));
      if (out.kind === 'needs_key') return { kind: 'waiting_config', message: out.message, hint: out.hint };
      return { kind: 'done', costUsd: out.result.costUsd ?? undefined, persist: () => void out.save() };
    },
  };
}

export function analyzeStep(s: ProviderServices): StepRunner {
  return {
    placement: (settings) => ({ provider: 'openai', lane: 'openai:analyze', concurrency: settings.analyzeConcurrency }),
    alreadyDone: (ctx) => s.analysis.isCurrent(ctx.job.recordingId),
    async run(ctx) {
      const out = await s.analysis.analyze(ctx.job.recordingId, { compute: (input) => ctx.compute<AnalyzerResult>('analyze', input) });
      if (out.kind === 'needs_key') return { kind: 'waiting_config', message: out.message, hint: out.hint };
      return { kind: 'done', costUsd: out.costUsd ?? undefined, persist: () => void out.save() };
    },
  };
}
