import type OpenAI from 'openai';
import { lazyOpenAIClient, loadOpenAIZod } from '../providers/sdk.js';
import type { RubricCriterion } from '../../preload/contract/schemas/rubrics.js';
import type { NormalizedTranscript, TranscriptSegment } from '../../preload/contract/schemas/transcript.js';
import { mapOpenAIError, permanentProviderError } from '../providers/errors.js';
import type { ProviderConnection } from '../providers/types.js';
import { ApiStyleMemory, type ApiStyleSetting } from '../providers/api-style.js';
import { transcriptBudget } from './context-limits.js';
import { modelOutputSchema, type ModelOutput } from './model-schema.js';
import { approxTokens, instructions, transcriptLine } from './prompt.js';
import { withRequestFacts } from '../observability/job-scope.js';
import type { AnalyzeInput, Analyzer, AnalyzerResult } from './types.js';

/**
 * Analysis through OpenAI structured outputs: the Responses API (`responses.parse`) or Chat Completions
 * (`chat.completions.parse`, for local servers), one flow for both. A transcript that
 * does not fit the model's window is never cut: it is analysed in consecutive parts and a final call
 * merges the parts' findings (quoting only lines the parts cited, so evidence stays checkable).
 */
export interface OpenAIAnalyzerOptions {
  /** Override the transcript budget (tokens per request); tests use it to force parts. */
  maxTranscriptTokens?: number;
  maxOutputTokens?: number;
  /** CCA_OPENAI_API_STYLE (default auto). */
  apiStyle?: ApiStyleSetting;
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

  private readonly baseUrl: string;

  constructor(
    conn: ProviderConnection,
    readonly model: string,
    private readonly options: OpenAIAnalyzerOptions = {},
    /** What each base URL answered; shared by every analyzer of a core (ProviderStatusBook.apiStyles). */
    private readonly styles = new ApiStyleMemory(),
  ) {
    this.client = lazyOpenAIClient(conn);
    this.baseUrl = conn.baseUrl;
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

  /**
   * One structured-output request; an unreadable or off-schema answer is retried once, then fails. In
   * `auto`, a server without the Responses API (404/405) is asked again through Chat Completions, and
   * the style that answered is remembered for its base URL (api-style.ts).
   */
  private async call(ins: string, user: string, criteria: readonly RubricCriterion[], signal?: AbortSignal): Promise<Call> {
    const setting = this.options.apiStyle ?? 'auto';
    let style = this.styles.first(this.baseUrl, setting);
    let fellBack = false;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await withRequestFacts({ charsSent: ins.length + user.length }, () =>
          style === 'chat' ? this.viaChat(ins, user, criteria, signal) : this.viaResponses(ins, user, criteria, signal));
        this.styles.record(this.baseUrl, style, fellBack);
        return result;
      } catch (e) {
        const next = fellBack ? null : this.styles.fallback(setting, style, statusOf(e));
        if (next) {
          style = next;
          fellBack = true;
          attempt--;
          continue;
        }
        const mapped = mapOpenAIError(e) ?? finishReasonError(e);
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

  /** The Responses API: `responses.parse` + `zodTextFormat`. */
  private async viaResponses(ins: string, user: string, criteria: readonly RubricCriterion[], signal?: AbortSignal): Promise<Call> {
    const { zodTextFormat } = await loadOpenAIZod();
    const format = zodTextFormat(modelOutputSchema(criteria), 'call_analysis');
    const { data, request_id } = await (await this.client()).responses
      .parse({ model: this.model, instructions: ins, input: [{ role: 'user', content: user }], text: { format }, max_output_tokens: this.maxOutputTokens }, { signal })
      .withResponse();
    const refusal = data.output.flatMap((o) => (o.type === 'message' ? o.content : [])).find((c) => c.type === 'refusal');
    if (refusal?.type === 'refusal') throw refused(refusal.refusal);
    if (data.status === 'incomplete') throw cutOff(data.incomplete_details?.reason ?? 'unknown');
    if (!data.output_parsed) throw new SyntaxError('no parsed output');
    return { output: data.output_parsed as ModelOutput, inputTokens: data.usage?.input_tokens ?? 0, outputTokens: data.usage?.output_tokens ?? 0, requestId: request_id };
  }

  /**
   * Chat Completions with `response_format: {type: "json_schema"}` (`chat.completions.parse` +
   * `zodResponseFormat`): what llama.cpp's server, Ollama and LM Studio speak. Local servers take
   * `max_tokens`; OpenAI's own reasoning models only `max_completion_tokens`.
   */
  private async viaChat(ins: string, user: string, criteria: readonly RubricCriterion[], signal?: AbortSignal): Promise<Call> {
    const { zodResponseFormat } = await loadOpenAIZod();
    const limit = isOpenAI(this.baseUrl) ? { max_completion_tokens: this.maxOutputTokens } : { max_tokens: this.maxOutputTokens };
    const { data, request_id } = await (await this.client()).chat.completions
      .parse({
        model: this.model,
        messages: [{ role: 'system', content: ins }, { role: 'user', content: user }],
        response_format: zodResponseFormat(modelOutputSchema(criteria), 'call_analysis'),
        ...limit,
      }, { signal })
      .withResponse();
    const message = data.choices[0]?.message;
    if (message?.refusal) throw refused(message.refusal);
    if (!message?.parsed) throw new SyntaxError('no parsed output');
    return { output: message.parsed as ModelOutput, inputTokens: data.usage?.prompt_tokens ?? 0, outputTokens: data.usage?.completion_tokens ?? 0, requestId: request_id };
  }

  private get maxOutputTokens(): number {
    return this.options.maxOutputTokens ?? 16_000;
  }
}

const isOpenAI = (baseUrl: string) => /^https:\/\/api\.openai\.com(\/|$)/.test(baseUrl);

const statusOf = (e: unknown): number | undefined =>
  e instanceof Error && 'status' in e && typeof (e as { status: unknown }).status === 'number' ? (e as { status: number }).status : undefined;

const refused = (why: string) =>
  permanentProviderError('openai', `The analysis model refused: ${why}`, 'The transcript is kept. Review the call by hand or try another analysis model in Settings.', 'refusal');

const cutOff = (why: string) =>
  permanentProviderError('openai', `The analysis was cut off before it finished (${why}).`,
    why === 'max_output_tokens' ? 'The transcript is kept. Use a rubric with fewer criteria or a larger model.' : 'The transcript is kept. Try another analysis model in Settings.', `incomplete:${why}`);

/** Chat Completions' parse() throws these instead of returning an incomplete answer. */
function finishReasonError(e: unknown): ReturnType<typeof cutOff> | undefined {
  const name = e instanceof Error ? e.constructor.name : '';
  if (name === 'LengthFinishReasonError') return cutOff('max_output_tokens');
  if (name === 'ContentFilterFinishReasonError') return cutOff('content_filter');
  return undefined;
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
