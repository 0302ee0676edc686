import type OpenAI from 'openai';
import { lazyOpenAIClient, loadOpenAIZod } from '../providers/sdk.js';
import type { RubricCriterion } from '../../preload/contract/schemas/rubrics.js';
import type { NormalizedTranscript, TranscriptSegment } from '../../preload/contract/schemas/transcript.js';
import { mapOpenAIError, permanentProviderError } from '../providers/errors.js';
import type { ProviderConnection } from '../providers/types.js';
import { transcriptBudget } from './context-limits.js';
import { modelOutputSchema, type ModelOutput } from './model-schema.js';
import { approxTokens, instructions, transcriptLine } from './prompt.js';
import type { AnalyzeInput, Analyzer, AnalyzerResult } from './types.js';

/**
 * Analysis through OpenAI structured outputs (`responses.parse` + `zodTextFormat`). A transcript that
 * does not fit the model's window is never cut: it is analysed in consecutive parts and a final call
 * merges the parts' findings (quoting only lines the parts cited, so evidence stays checkable).
 */
export interface OpenAIAnalyzerOptions {
  /** Override the transcript budget (tokens per request); tests use it to force parts. */
  maxTranscriptTokens?: number;
  maxOutputTokens?: number;
}

interface Call {
  output: ModelOutput;
  inputTokens: number;
  outputTokens: number;
  requestId: string | null;
}

export class OpenAIAnalyzer implements Analyzer {
  readonly provider = 'openai' as const;
  /** The SDK client, created on first use (see providers/sdk.ts for why the SDK loads lazily). */
  private readonly client: () => Promise<OpenAI>;

  constructor(
    conn: ProviderConnection,
    readonly model: string,
    private readonly options: OpenAIAnalyzerOptions = {},
  ) {
    this.client = lazyOpenAIClient(conn);
  }

  async analyze(input: AnalyzeInput): Promise<AnalyzerResult> {
    const { transcript, criteria, signal } = input;
    const parts = splitForBudget(transcript, this.options.maxTranscriptTokens ?? transcriptBudget(this.model));
    const calls: Call[] = [];
    for (const [index, part] of parts.entries()) {
      const lines = part.map((s) => transcriptLine(transcript, s)).join('\n');
      const ins = instructions(criteria, parts.length > 1 ? { index, count: parts.length } : undefined);
      calls.push(await this.call(ins, `Transcript:\n${lines}`, criteria, signal));
    }
    if (parts.length > 1) calls.push(await this.call(mergeInstructions(criteria), mergeInput(calls.map((c) => c.output)), criteria, signal));
    const final = calls.at(-1)!;
    return {
      output: final.output,
      inputTokens: calls.reduce((n, c) => n + c.inputTokens, 0),
      outputTokens: calls.reduce((n, c) => n + c.outputTokens, 0),
      requestIds: calls.map((c) => c.requestId).filter((x): x is string => !!x),
      parts: parts.length,
    };
  }

  /** One structured-output request; an unreadable or off-schema answer is retried once, then fails. */
  private async call(ins: string, user: string, criteria: readonly RubricCriterion[], signal?: AbortSignal): Promise<Call> {
    const { zodTextFormat } = await loadOpenAIZod();
    const format = zodTextFormat(modelOutputSchema(criteria), 'call_analysis');
    for (let attempt = 1; ; attempt++) {
      try {
        const { data, request_id } = await (await this.client()).responses
          .parse({ model: this.model, instructions: ins, input: [{ role: 'user', content: user }], text: { format }, max_output_tokens: this.options.maxOutputTokens ?? 16_000 }, { signal })
          .withResponse();
        const refusal = data.output.flatMap((o) => (o.type === 'message' ? o.content : [])).find((c) => c.type === 'refusal');
        if (refusal && refusal.type === 'refusal') {
          throw permanentProviderError('openai', `The analysis model refused: ${refusal.refusal}`, 'The transcript is kept. Review the call by hand or try another analysis model in Settings.', 'refusal');
        }
        if (data.status === 'incomplete') {
          const why = data.incomplete_details?.reason ?? 'unknown';
          throw permanentProviderError('openai', `The analysis was cut off before it finished (${why}).`,
            why === 'max_output_tokens' ? 'The transcript is kept. Use a rubric with fewer criteria or a larger model.' : 'The transcript is kept. Try another analysis model in Settings.', `incomplete:${why}`);
        }
        if (!data.output_parsed) throw new SyntaxError('no parsed output');
        return { output: data.output_parsed as ModelOutput, inputTokens: data.usage?.input_tokens ?? 0, outputTokens: data.usage?.output_tokens ?? 0, requestId: request_id };
      } catch (e) {
        const mapped = mapOpenAIError(e);
        if (mapped) throw mapped;
        // Unparseable JSON, output that breaks our schema (ZodError), or a body so off-shape that the
        // SDK's own walk over it fails (TypeError: connection failures were mapped above).
        const malformed = e instanceof SyntaxError || e instanceof TypeError || (e instanceof Error && e.name === 'ZodError');
        if (!malformed) throw e;
        if (attempt >= 2) {
          throw permanentProviderError('openai', 'The analysis model answered in a shape the app cannot use (twice).',
            'The transcript is kept. Check the analysis model in Settings supports structured outputs.', 'malformed_response', e);
        }
      }
    }
  }
}

/** Consecutive runs of segments that each fit the budget (a single huge segment still goes alone). */
export function splitForBudget(t: NormalizedTranscript, budget: number): TranscriptSegment[][] {
  const parts: TranscriptSegment[][] = [[]];
  let used = 0;
  for (const s of t.segments) {
    const cost = approxTokens(transcriptLine(t, s)) + 1;
    if (used + cost > budget && parts.at(-1)!.length > 0) {
      parts.push([]);
      used = 0;
    }
    parts.at(-1)!.push(s);
    used += cost;
  }
  return parts;
}

function mergeInstructions(criteria: readonly RubricCriterion[]): string {
  return [
    instructions(criteria),
    '',
    'You are given the findings of several consecutive parts of ONE call, not the transcript. Combine them',
    'into one assessment of the whole call. Quote only from the evidence lines listed (verbatim, with their',
    'times). A criterion about the opening is decided by the first part, about the closing by the last.',
  ].join('\n');
}

function mergeInput(outputs: readonly ModelOutput[]): string {
  const evidence = new Map<string, string>();
  const add = (e: { quote: string; start: number; end: number }, who = 'Evidence') =>
    evidence.set(`${e.start}|${e.quote}`, `[${e.start.toFixed(1)} - ${e.end.toFixed(1)}] ${who}: ${e.quote}`);
  for (const o of outputs) {
    for (const c of Object.values(o.criteria)) c.evidence.forEach((e) => add(e));
    o.agent_behaviours.forEach((b) => b.evidence.forEach((e) => add(e)));
    o.compliance.forEach((c) => c.evidence.forEach((e) => add(e)));
  }
  const findings = outputs.map((o, i) => `Part ${i + 1} findings: ${JSON.stringify({ ...o, segment_sentiments: undefined })}`);
  return [...findings, '', 'Evidence lines:', ...[...evidence.values()]].join('\n');
}
