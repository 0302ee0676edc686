import type { RubricCriterion } from '../../preload/contract/schemas/rubrics.js';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import type { ModelOutput } from './model-schema.js';

/** The pipeline's view of the analysis model: a transcript and the criteria it must answer. */
export interface AnalyzeInput {
  transcript: NormalizedTranscript;
  /** Model-decided criteria only (rule criteria are answered locally). */
  criteria: readonly RubricCriterion[];
  signal?: AbortSignal;
}

export interface AnalyzerResult {
  output: ModelOutput;
  inputTokens: number;
  outputTokens: number;
  requestIds: string[];
  /** How many parts the transcript was sent in (1 unless it exceeded the model's context). */
  parts: number;
}

export interface Analyzer {
  readonly provider: 'openai';
  readonly model: string;
  analyze(input: AnalyzeInput): Promise<AnalyzerResult>;
}
