import type { RubricCriterion } from '../../preload/contract/schemas/rubrics.js';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import { OpenAIAnalyzer } from '../analysis/openai-analyzer.js';
import type { AnalyzerResult } from '../analysis/types.js';
import { AppError } from '../errors.js';
import { keyHint } from '../providers/errors.js';
import { withFetch } from '../providers/factory.js';
import type { ComputeEnv } from './compute-env.js';

export interface AnalyzeInput {
  transcript: NormalizedTranscript;
  /** The model-decided criteria (rule criteria are answered by the storage service). */
  criteria: RubricCriterion[];
  model: string;
}

/** `analyze`: the transcript and criteria through the analysis model (split into parts when too long). */
export async function analyzeTranscript(
  input: AnalyzeInput,
  env: Pick<ComputeEnv, 'providers' | 'apiStyles' | 'analyzer'> & { signal?: AbortSignal },
): Promise<AnalyzerResult> {
  const s = env.providers.settings();
  const apiKey = env.providers.secret('OPENAI_API_KEY');
  if (!apiKey) throw new AppError('auth', 'No OpenAI API key reached this process (the analysis model needs one).', keyHint('openai'));
  const analyzer = new OpenAIAnalyzer({ apiKey, baseUrl: s.openaiBaseUrl, timeoutSec: s.requestTimeoutSec, ...withFetch(env.providers.fetchFor('openai')) }, input.model,
    { apiStyle: s.openaiApiStyle, ...env.analyzer }, env.apiStyles);
  return analyzer.analyze({ transcript: input.transcript, criteria: input.criteria, signal: env.signal });
}
