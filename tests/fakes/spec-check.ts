import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/**
 * Validates data against the providers' published OpenAPI documents (the subset committed in
 * tests/fakes/spec/, made by scripts/extract-specs.mjs). Any JSON pointer into the document can be
 * used as a schema, e.g. '#/components/schemas/Error' or an operation's inline response schema.
 */
export type Provider = 'openai' | 'elevenlabs';

const specDir = join(dirname(fileURLToPath(import.meta.url)), 'spec');
// ajv-formats is CommonJS with a default export; under ESM interop it can arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Two rewrites so that ajv judges data the way the provider does:
 * - the OpenAI document is OpenAPI 3.1 but still carries 3.0's `nullable: true` in places; ajv only
 *   accepts it next to `type`, so it becomes the 3.1 spelling (`anyOf [schema, {type:null}]`);
 * - `oneOf` becomes `anyOf`: the published branches overlap (an input message with `type:"message"`
 *   matches both EasyInputMessage and InputMessage; every verbose transcription also matches the
 *   plain one), so "exactly one" would reject valid traffic. Code generators read oneOf as "one of
 *   these shapes", which is what anyOf checks.
 */
function normalise(node: Json): Json {
  if (Array.isArray(node)) return node.map(normalise);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    const target = key === 'oneOf' && !('anyOf' in node) ? 'anyOf' : key;
    out[target] = key === 'enum' || key === 'const' || key === 'default' ? value : normalise(value);
  }
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

export interface SpecValidator {
  readonly provider: Provider;
  readonly document: Record<string, unknown>;
  /** Validates `data` against the schema at `pointer`; returns readable errors (empty = valid). */
  validate(pointer: string, data: unknown): string[];
  /**
   * Same, for multipart bodies: strings are coerced to the schema's number/boolean types and single
   * values to arrays, the way the provider's form parser reads them. Mutates `data`.
   */
  validateForm(pointer: string, data: Record<string, unknown>): string[];
  /** validateForm's raw ajv errors, for providers that report errors per field (FastAPI's 422). */
  formErrorObjects(pointer: string, data: Record<string, unknown>): ErrorObject[];
  /** Pointer of an operation's request body schema (resolving a top-level $ref). */
  requestPointer(path: string, contentType: string): string;
  /** Pointer of an operation's response schema for a status code. */
  responsePointer(path: string, status: number): string;
  /** Names of every property an object schema declares (following $ref and allOf). */
  declaredProperties(pointer: string): Set<string>;
  /** A JSON value at a pointer. */
  resolve(pointer: string): unknown;
  /**
   * Compile these validators now (`form`: validateForm's). A route compiles what it will check when it
   * is built: compiling a large schema (OpenAI's CreateResponse) takes a blocking second or more on a
   * busy machine, which at the first request would stall every fake in the process mid-test.
   */
  warm(pointers: { json?: string[]; form?: string[] }): void;
}

export function formatErrors(errors: ErrorObject[] | null | undefined, limit = 6): string[] {
  if (!errors) return [];
  // anyOf/oneOf failures report every branch; the deepest paths are the most useful to a reader.
  const sorted = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of sorted) {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` '${String((e.params as { additionalProperty?: string }).additionalProperty)}'`
        : e.keyword === 'enum'
          ? ` (${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')})`
          : '';
    const line = `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
    if (!seen.has(line)) out.push(line);
    seen.add(line);
    if (out.length >= limit) break;
  }
  return out;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function makeAjv(coerce: boolean): Ajv2020 {
  // strict:false because vendor keywords (discriminator, x-stainless-*, format 'unixtime'...) are
  // documentation for code generators, not constraints; ajv must ignore them rather than refuse.
  const ajv = new Ajv2020({ strict: false, allErrors: coerce, coerceTypes: coerce ? 'array' : false, validateFormats: true });
  addFormats(ajv);
  for (const f of ['binary', 'double', 'float', 'unixtime', 'int32', 'int64', 'password']) ajv.addFormat(f, true);
  return ajv;
}

const cache = new Map<Provider, SpecValidator>();

export function loadSpec(provider: Provider): SpecValidator {
  const hit = cache.get(provider);
  if (hit) return hit;
  const raw = JSON.parse(readFileSync(join(specDir, `${provider}.json`), 'utf8')) as Json;
  const document = normalise(raw) as Record<string, unknown>;
  const docId = `https://fake.local/${provider}.json`;
  const plain = makeAjv(false);
  const coercing = makeAjv(true);
  plain.addSchema(document, docId);
  coercing.addSchema(document, docId);
  const compiled = new Map<string, ValidateFunction>();
  const compiledForm = new Map<string, ValidateFunction>();

  const resolve = (pointer: string): unknown => {
    let node: unknown = document;
    for (const raw of pointer.replace(/^#\//, '').split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
    if (node === undefined) throw new Error(`${provider} spec: nothing at ${pointer}`);
    return node;
  };
  const get = (ajv: Ajv2020, map: Map<string, ValidateFunction>, pointer: string): ValidateFunction => {
    let fn = map.get(pointer);
    if (!fn) {
      fn = ajv.compile({ $ref: `${docId}${pointer}` });
      map.set(pointer, fn);
    }
    return fn;
  };
  const opPointer = (path: string): string => `#/paths/${escapePointer(path)}/post`;

  const validator: SpecValidator = {
    provider,
    document,
    resolve,
    validate(pointer, data) {
      const fn = get(plain, compiled, pointer);
      return fn(data) ? [] : formatErrors(fn.errors);
    },
    validateForm(pointer, data) {
      return formatErrors(validator.formErrorObjects(pointer, data));
    },
    formErrorObjects(pointer, data) {
      const fn = get(coercing, compiledForm, pointer);
      return fn(data) ? [] : [...(fn.errors ?? [])];
    },
    requestPointer(path, contentType) {
      const pointer = `${opPointer(path)}/requestBody/content/${escapePointer(contentType)}/schema`;
      const schema = resolve(pointer) as { $ref?: string };
      return schema.$ref ?? pointer;
    },
    responsePointer(path, status) {
      const pointer = `${opPointer(path)}/responses/${status}`;
      const response = resolve(pointer) as { $ref?: string };
      const base = response.$ref ?? pointer;
      return `${base}/content/application~1json/schema`;
    },
    warm({ json = [], form = [] }) {
      for (const pointer of json) get(plain, compiled, pointer);
      for (const pointer of form) get(coercing, compiledForm, pointer);
    },
    declaredProperties(pointer) {
      const names = new Set<string>();
      const walk = (node: unknown, depth: number): void => {
        if (!node || typeof node !== 'object' || depth > 8) return;
        const s = node as { $ref?: string; allOf?: unknown[]; properties?: Record<string, unknown> };
        if (s.$ref) walk(resolve(s.$ref), depth + 1);
        for (const part of s.allOf ?? []) walk(part, depth + 1);
        for (const name of Object.keys(s.properties ?? {})) names.add(name);
      };
      walk(resolve(pointer), 0);
      return names;
    },
  };
  cache.set(provider, validator);
  return validator;
}
