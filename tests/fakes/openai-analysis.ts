import type { IncomingMessage } from 'node:http';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { type Analyze, type AnalyzeRequest, hash, type JsonSchema, strictSchemaProblems } from './analysis.js';
import { ERROR_SCHEMA, invalidRequest, schemaRejection } from './openai-errors.js';
import type { Route, RouteContext, RouteResult } from './server-core.js';
import { formatErrors, type SpecValidator } from './spec-check.js';
import { approxTokens } from './transcript.js';

/**
 * POST /v1/responses and POST /v1/chat/completions with structured outputs: the request is checked
 * against CreateResponse / CreateChatCompletionRequest (plus OpenAI's strict-schema rules), the answer
 * comes from the pluggable `analyze` and is checked against the client's own JSON schema before it is
 * wrapped in a Response / ChatCompletion body that must satisfy the spec.
 */
type Body = Record<string, unknown>;

interface Requested {
  schema: JsonSchema | null;
  name: string | null;
  strict: boolean;
  /** 'json_object' asks for any JSON object. */
  jsonObject: boolean;
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (part && typeof part === 'object' && typeof (part as Body).text === 'string' ? ((part as Body).text as string) : ''))
      .filter(Boolean)
      .join('\n');
  }
  return '';
}

/** Splits messages into the user's text (the transcript) and the instructions. */
function conversation(messages: unknown, extraInstructions: unknown): { transcript: string; instructions: string } {
  const user: string[] = [];
  const system: string[] = typeof extraInstructions === 'string' ? [extraInstructions] : [];
  if (typeof messages === 'string') user.push(messages);
  else if (Array.isArray(messages)) {
    for (const m of messages) {
      if (!m || typeof m !== 'object') continue;
      const { role, content } = m as Body;
      (role === 'user' ? user : system).push(textOf(content));
    }
  }
  return { transcript: user.join('\n'), instructions: system.join('\n') };
}

function requested(format: unknown): Requested {
  const f = (format ?? {}) as Body;
  if (f.type === 'json_schema') {
    // Responses puts name/schema/strict on the format; Chat Completions nests them in json_schema.
    const inner = (f.json_schema ?? f) as Body;
    return {
      schema: (inner.schema ?? null) as JsonSchema | null,
      name: typeof inner.name === 'string' ? inner.name : null,
      strict: inner.strict === true,
      jsonObject: false,
    };
  }
  return { schema: null, name: null, strict: false, jsonObject: f.type === 'json_object' };
}

export interface AnalysisRouteOptions {
  spec: SpecValidator;
  analyze: Analyze;
}

/** Shared front half of both routes: spec check, unknown parameters, strict schema rules, analysis. */
async function analyse(
  req: IncomingMessage,
  ctx: RouteContext,
  api: AnalyzeRequest['api'],
  options: AnalysisRouteOptions,
): Promise<RouteResult | { body: Body; output: string; requested: Requested; inputTokens: number }> {
  const path = api === 'responses' ? '/responses' : '/chat/completions';
  let body: Body;
  try {
    body = (await readJson(req)) as Body;
  } catch {
    ctx.violation('request', ['body is not valid JSON']);
    return invalidRequest('We could not parse the JSON body of your request.', null, null);
  }
  const pointer = options.spec.requestPointer(path, 'application/json');
  const known = options.spec.declaredProperties(pointer);
  const unknown = Object.keys(body ?? {}).filter((k) => !known.has(k));
  if (unknown.length) {
    ctx.violation('request', unknown.map((k) => `/ unknown parameter '${k}'`));
    return api === 'responses'
      ? invalidRequest(`Unknown parameter: '${unknown[0]}'.`, unknown[0] ?? null, 'unknown_parameter')
      : invalidRequest(`Unrecognized request argument supplied: ${unknown[0]}`, null, null);
  }
  const errors = options.spec.validate(pointer, body);
  if (errors.length) {
    ctx.violation('request', errors);
    return schemaRejection(errors);
  }
  const format = api === 'responses' ? (body.text as Body | undefined)?.format : body.response_format;
  const want = requested(format);
  const param = api === 'responses' ? 'text.format.schema' : 'response_format';
  if (want.schema && want.strict) {
    const problems = strictSchemaProblems(want.schema);
    if (problems.length) {
      ctx.violation('request', problems);
      return invalidRequest(`Invalid schema for response_format '${want.name}': ${problems[0]}`, param, 'invalid_json_schema');
    }
  }
  const talk = api === 'responses' ? conversation(body.input, body.instructions) : conversation(body.messages, undefined);
  const answer = options.analyze({ api, model: String(body.model), schema: want.schema, schemaName: want.name, ...talk, body });
  if (want.schema && typeof answer !== 'string') {
    const check = answerCheck(want.schema);
    if (!check(answer)) ctx.violation('analysis', formatErrors(check.errors));
  }
  const output = typeof answer === 'string' ? answer : JSON.stringify(answer);
  return { body, output, requested: want, inputTokens: approxTokens(`${talk.instructions}\n${talk.transcript}`) };
}

/** The app's answer schemas are few and fixed: each is compiled once (a compile blocks the fakes' process). */
const answerChecks = new Map<string, ValidateFunction>();
const answerAjv = new Ajv2020({ strict: false, allErrors: true });
function answerCheck(wanted: JsonSchema): ValidateFunction {
  const { $schema: _ignored, ...schema } = wanted;
  void _ignored;
  const key = JSON.stringify(schema);
  let check = answerChecks.get(key);
  if (!check) {
    check = answerAjv.compile(schema);
    answerChecks.set(key, check);
  }
  return check;
}

const now = (): number => Math.floor(Date.now() / 1000);

export function responsesRoute(options: AnalysisRouteOptions): Route {
  const schema = options.spec.responsePointer('/responses', 200);
  options.spec.warm({ json: [options.spec.requestPointer('/responses', 'application/json'), schema, ERROR_SCHEMA] });
  return async (req, ctx) => {
    const r = await analyse(req, ctx, 'responses', options);
    if ('status' in r) return r;
    const id = hash(`${r.output}|${Date.now()}|${Math.random()}`).toString(16);
    const outputTokens = approxTokens(r.output);
    const textParam = (r.body.text as Body | undefined) ?? {};
    const response = {
      id: `resp_fake${id}`,
      object: 'response',
      created_at: now(),
      status: 'completed',
      completed_at: now(),
      background: false,
      error: null,
      incomplete_details: null,
      instructions: typeof r.body.instructions === 'string' ? r.body.instructions : null,
      max_output_tokens: typeof r.body.max_output_tokens === 'number' ? r.body.max_output_tokens : null,
      max_tool_calls: null,
      model: String(r.body.model),
      output: [
        {
          id: `msg_fake${id}`,
          type: 'message',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: r.output, annotations: [], logprobs: [] }],
        },
      ],
      parallel_tool_calls: true,
      previous_response_id: null,
      reasoning: { effort: null, summary: null },
      service_tier: 'default',
      store: r.body.store !== false,
      temperature: typeof r.body.temperature === 'number' ? r.body.temperature : 1,
      text: { format: textParam.format ?? { type: 'text' }, verbosity: 'medium' },
      tool_choice: 'auto',
      tools: [],
      top_p: 1,
      truncation: 'disabled',
      usage: {
        input_tokens: r.inputTokens,
        input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
        output_tokens: outputTokens,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: r.inputTokens + outputTokens,
      },
      metadata: {},
    };
    return { status: 200, body: response, schema, corrupt: () => ({ ...response, output: 'not-a-list', id: 7 }) };
  };
}

export function chatCompletionsRoute(options: AnalysisRouteOptions): Route {
  const schema = options.spec.responsePointer('/chat/completions', 200);
  options.spec.warm({ json: [options.spec.requestPointer('/chat/completions', 'application/json'), schema, ERROR_SCHEMA] });
  return async (req, ctx) => {
    const r = await analyse(req, ctx, 'chat.completions', options);
    if ('status' in r) return r;
    const id = hash(`${r.output}|${Date.now()}|${Math.random()}`).toString(16);
    const outputTokens = approxTokens(r.output);
    const completion = {
      id: `chatcmpl-fake${id}`,
      object: 'chat.completion',
      created: now(),
      model: String(r.body.model),
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: r.output, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: r.inputTokens,
        completion_tokens: outputTokens,
        total_tokens: r.inputTokens + outputTokens,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
      service_tier: 'default',
      system_fingerprint: 'fp_fake',
    };
    return { status: 200, body: completion, schema, corrupt: () => ({ ...completion, choices: { nope: true }, object: 'list' }) };
  };
}
