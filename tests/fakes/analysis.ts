/**
 * The fake "model" behind /responses and /chat/completions: given the JSON schema the client asked
 * for (structured outputs) and the transcript found in its messages, builds a deterministic object
 * that conforms to the schema. String fields named like quote/evidence get real transcript lines, and
 * their sibling speaker/start/end fields get that line's speaker and time, so evidence links resolve.
 */
export type JsonSchema = { [key: string]: unknown };

export interface AnalyzeRequest {
  api: 'responses' | 'chat.completions';
  model: string;
  /** The schema from text.format / response_format json_schema; null for plain text or json_object. */
  schema: JsonSchema | null;
  schemaName: string | null;
  /** Text of the user messages (where an app puts the transcript). */
  transcript: string;
  /** Instructions / system / developer text. */
  instructions: string;
  /** The raw request body. */
  body: Record<string, unknown>;
}

/** Returns the object (structured outputs) or a string (plain text answer). */
export type Analyze = (req: AnalyzeRequest) => unknown;

export interface TranscriptLine {
  text: string;
  speaker: string | null;
  start: number | null;
  end: number | null;
}

const QUOTE_NAME = /quote|evidence|excerpt|citation|snippet|verbatim/i;
const START_NAME = /^(start|start_?s|start_?sec(ond)?s?|start_?time|timestamp|time|at|at_?s|offset|start_?ms)$/i;
const END_NAME = /^(end|end_?s|end_?sec(ond)?s?|end_?time|end_?ms)$/i;
const SPEAKER_NAME = /^(speaker|role|party|who|speaker_?role)$/i;

function parseClock(value: string | undefined): number | null {
  if (!value) return null;
  const parts = value.split(':').map(Number);
  if (parts.some((p) => Number.isNaN(p))) return null;
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}

const LINE = /^\s*(?:\[\s*([\d:.]+)\s*s?\s*(?:[-–]+>?\s*([\d:.]+)\s*s?\s*)?\]\s*)?(?:([A-Za-z][\w .'-]{0,30}?)\s*:\s+)?(.*\S)\s*$/;

/** Transcript lines from text or JSON: `[00:01.2 - 00:04] Agent: ...`, `Customer: ...`, or {text,speaker,start}. */
export function transcriptLines(input: string): TranscriptLine[] {
  const out: TranscriptLine[] = [];
  const fromJson = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(fromJson);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string' && o.text.trim().length > 0) {
        const num = (k: string[]): number | null => {
          for (const key of k) if (typeof o[key] === 'number') return o[key] as number;
          return null;
        };
        out.push({
          text: o.text,
          speaker: typeof o.speaker === 'string' ? o.speaker : null,
          start: num(['start', 'start_s', 'startS', 'startSec']),
          end: num(['end', 'end_s', 'endS', 'endSec']),
        });
      } else Object.values(o).forEach(fromJson);
    }
  };
  for (const raw of input.split(/\r?\n/)) {
    const trimmed = raw.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[{')) {
      try {
        fromJson(JSON.parse(trimmed));
        continue;
      } catch {
        // not JSON after all: treat as a text line
      }
    }
    const m = LINE.exec(raw);
    if (!m || !m[4] || m[4].length < 8) continue;
    out.push({ text: m[4], speaker: m[3]?.trim().toLowerCase() ?? null, start: parseClock(m[1]), end: parseClock(m[2]) });
  }
  if (out.length === 0 && input.trim()) {
    try {
      fromJson(JSON.parse(input));
    } catch {
      // plain prose: fall through with no lines
    }
  }
  // Prefer lines with a speaker and a timestamp or a recurring speaker label: those are the
  // transcript, while a one-off "Rubric: ..." or "Transcript:" line is framing around it.
  const counts = new Map<string, number>();
  for (const l of out) if (l.speaker) counts.set(l.speaker, (counts.get(l.speaker) ?? 0) + 1);
  const spoken = out.filter((l) => l.speaker !== null && (l.start !== null || (counts.get(l.speaker) ?? 0) >= 2));
  return spoken.length >= 2 ? spoken : out;
}

/** FNV-1a: a stable hash so the same request always yields the same answer. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

interface WalkContext {
  root: JsonSchema;
  lines: TranscriptLine[];
  salt: string;
  quote: TranscriptLine | null;
  quoteCounter: { n: number };
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  if (ref === '#') return root;
  let node: unknown = root;
  for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (!node || typeof node !== 'object') throw new Error(`analysis: cannot resolve ${ref}`);
  return node as JsonSchema;
}

function typesOf(schema: JsonSchema): string[] {
  const t = schema.type;
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  if (typeof t === 'string') return [t];
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

function pickQuote(ctx: WalkContext): TranscriptLine | null {
  if (ctx.lines.length === 0) return null;
  // Spread successive quotes over the call instead of citing the same line each time.
  const i = (hash(ctx.salt) + ctx.quoteCounter.n++ * 7) % ctx.lines.length;
  return ctx.lines[i] ?? null;
}

function matchEnum(values: unknown[], speaker: string | null): unknown {
  if (!speaker) return undefined;
  return values.find((v) => typeof v === 'string' && (v.toLowerCase() === speaker || speaker.includes(v.toLowerCase())));
}

function generateString(schema: JsonSchema, name: string, path: string, ctx: WalkContext): string {
  let value: string;
  if (QUOTE_NAME.test(name)) value = (ctx.quote ?? pickQuote(ctx))?.text ?? 'No evidence in the transcript.';
  else if (SPEAKER_NAME.test(name) && ctx.quote?.speaker) value = ctx.quote.speaker;
  else if (schema.format === 'date-time') value = '2025-01-01T00:00:00Z';
  else if (schema.format === 'date') value = '2025-01-01';
  else if (/summary/i.test(name)) {
    const first = ctx.lines[0]?.text ?? 'the reason for the call';
    value = `The customer called and the agent handled the request. It opened with: "${first}"`;
  } else value = `${name || 'value'} (fake analysis)`;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  if (value.length > max) value = value.slice(0, max);
  if (value.length < min) value = value.padEnd(min, '.');
  void path;
  return value;
}

function generateNumber(schema: JsonSchema, name: string, path: string, ctx: WalkContext, integer: boolean): number {
  const min = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : null;
  const max = typeof schema.maximum === 'number' ? schema.maximum : typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - 1 : null;
  let value: number | null = null;
  if (ctx.quote && START_NAME.test(name) && ctx.quote.start !== null) value = /ms$/i.test(name) ? ctx.quote.start * 1000 : ctx.quote.start;
  if (ctx.quote && END_NAME.test(name) && ctx.quote.end !== null) value = /ms$/i.test(name) ? ctx.quote.end * 1000 : ctx.quote.end;
  if (value === null) {
    const lo = min ?? 0;
    const hi = max ?? lo + (integer ? 5 : 1);
    const span = Math.max(0, hi - lo);
    const r = (hash(ctx.salt + path) % 1000) / 1000;
    value = lo + (integer ? Math.round(r * span) : Math.round(r * span * 100) / 100);
  }
  if (min !== null) value = Math.max(min, value);
  if (max !== null) value = Math.min(max, value);
  return integer ? Math.round(value) : value;
}

function generate(schema: JsonSchema, name: string, path: string, ctx: WalkContext, depth: number): unknown {
  if (typeof schema.$ref === 'string') return generate(resolveRef(ctx.root, schema.$ref), name, path, ctx, depth + 1);
  if ('const' in schema) return schema.const;
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches) && branches.length) {
    const nonNull = branches.filter((b) => b.type !== 'null');
    const chosen = depth > 8 ? branches.find((b) => b.type === 'null') ?? nonNull[0] : nonNull[0] ?? branches[0];
    return generate(chosen as JsonSchema, name, path, ctx, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    return generate(Object.assign({}, ...(schema.allOf as JsonSchema[])) as JsonSchema, name, path, ctx, depth + 1);
  }
  if (Array.isArray(schema.enum) && schema.enum.length) {
    const speakerMatch = SPEAKER_NAME.test(name) ? matchEnum(schema.enum, ctx.quote?.speaker ?? null) : undefined;
    return speakerMatch ?? schema.enum[hash(ctx.salt + path) % schema.enum.length];
  }
  const types = typesOf(schema);
  const type = types.find((t) => t !== 'null') ?? types[0] ?? 'string';
  if (depth > 10 && types.includes('null')) return null;
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const keys = Object.keys(props);
      // An object that cites the transcript gets one line, shared by its speaker/start/end fields.
      const local: WalkContext = keys.some((k) => QUOTE_NAME.test(k)) ? { ...ctx, quote: pickQuote(ctx) } : ctx;
      const out: Record<string, unknown> = {};
      for (const key of keys) out[key] = generate(props[key] as JsonSchema, key, `${path}/${key}`, local, depth + 1);
      return out;
    }
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const max = typeof schema.maxItems === 'number' ? schema.maxItems : Infinity;
      const count = depth > 8 ? min : Math.min(max, Math.max(min, 2));
      const items = (schema.items ?? {}) as JsonSchema;
      return Array.from({ length: count }, (_, i) => generate(items, name, `${path}/${i}`, ctx, depth + 1));
    }
    case 'string':
      return generateString(schema, name, path, ctx);
    case 'integer':
      return generateNumber(schema, name, path, ctx, true);
    case 'number':
      return generateNumber(schema, name, path, ctx, false);
    case 'boolean':
      return hash(ctx.salt + path) % 2 === 0;
    case 'null':
      return null;
    default:
      return null;
  }
}

/** The default generator: walks `req.schema`; without a schema answers with a short plain text. */
export const defaultAnalyze: Analyze = (req) => {
  // The transcript is usually in the user message; some prompts put it in the instructions instead.
  let lines = transcriptLines(req.transcript);
  if (lines.length < 2) lines = transcriptLines(`${req.instructions}\n${req.transcript}`);
  if (!req.schema) {
    return `Summary: ${lines.length} transcript lines reviewed. ${lines[0]?.text ?? ''}`.trim();
  }
  const ctx: WalkContext = { root: req.schema, lines, salt: `${req.schemaName ?? ''}|${req.transcript.length}|${hash(req.transcript)}`, quote: null, quoteCounter: { n: 0 } };
  return generate(req.schema, '', '', ctx, 0);
};

/**
 * The checks OpenAI applies to a `strict: true` schema before running the model: every object closes
 * its properties (additionalProperties false) and lists every property as required.
 */
export function strictSchemaProblems(schema: JsonSchema): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, context: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${context}, ${i}`));
    if (!node || typeof node !== 'object') return;
    const s = node as JsonSchema;
    if (s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')) || s.properties) {
      const keys = Object.keys((s.properties ?? {}) as object);
      if (s.additionalProperties !== false) problems.push(`In context=(${context}), 'additionalProperties' is required to be supplied and to be false.`);
      const required = Array.isArray(s.required) ? (s.required as string[]) : [];
      const missing = keys.filter((k) => !required.includes(k));
      if (missing.length) {
        problems.push(`In context=(${context}), 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`);
      }
    }
    for (const [key, value] of Object.entries(s)) {
      if (key === 'properties' || key === '$defs' || key === 'definitions') {
        for (const [name, child] of Object.entries((value ?? {}) as object)) walk(child, `${context}${context ? ', ' : ''}'${key}', '${name}'`);
      } else if (key === 'items' || key === 'anyOf' || key === 'allOf' || key === 'oneOf') walk(value, `${context}${context ? ', ' : ''}'${key}'`);
    }
  };
  walk(schema, '');
  return problems;
}
