import { z } from 'zod';
import pkg from '../../package.json' with { type: 'json' };
import { ErrorInfo, events, operations, type OperationName } from '../../preload/contract/index.js';
import { statusForCategory } from './http-status.js';
import type { HttpRoute } from './http-route.js';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return conformExamples(rest) as JsonSchema;
};

const errorEnvelope = {
  type: 'object',
  required: ['ok', 'error'],
  properties: { ok: { const: false }, error: toSchema(ErrorInfo, 'output') },
};

/**
 * An example in the type its schema documents. The contract's field examples are written as a query
 * string carries them ("12,15,18", "60", "true"), but a schema that says number, integer, boolean or
 * array is a promise about the value: generated clients and validators hold the example to it. One
 * conversion for every place an example appears (parameters, body and response schemas).
 */
function exampleAs(schema: JsonSchema | undefined, example: unknown): unknown {
  if (typeof example !== 'string' || !schema) return example;
  const types = [schema.type, ...((schema.anyOf ?? schema.oneOf ?? []) as JsonSchema[]).map((s) => s.type)].flat().filter(Boolean);
  if (types.includes('string')) return example;
  if (types.includes('array')) {
    const items = (schema.items ?? ((schema.anyOf as JsonSchema[] | undefined)?.find((s) => s.type === 'array')?.items)) as JsonSchema | undefined;
    return example.split(',').map((x) => exampleAs(items, x.trim()));
  }
  if ((types.includes('number') || types.includes('integer')) && example.trim() !== '' && Number.isFinite(Number(example))) return Number(example);
  if (types.includes('boolean') && (example === 'true' || example === 'false')) return example === 'true';
  return example;
}

/** Every `example` inside a schema, made to conform to the node it sits on (walks nested schemas). */
function conformExamples(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(conformExamples);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node as JsonSchema)) out[k] = k === 'example' ? v : conformExamples(v);
  if ('example' in out) out.example = exampleAs(out, out.example);
  return out;
}

const pathParamNames = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/**
 * The path and query parameters of one route, from the schema that validates its input: a field is
 * required exactly when the schema refuses it missing, so the document says what the server does.
 */
function parametersFor(template: string, input: z.ZodType, opts: { query: boolean; example?: Record<string, unknown> }): JsonSchema[] {
  const props = ((toSchema(input, 'input').properties ?? {}) as Record<string, JsonSchema>);
  const shape = input instanceof z.ZodObject ? (input.shape as Record<string, z.ZodType>) : {};
  const pathParams = pathParamNames(template);
  const example = (p: string) =>
    opts.example && p in opts.example ? { example: exampleAs(props[p], opts.example[p]) } : props[p]?.example !== undefined ? { example: props[p].example } : {};
  const out: JsonSchema[] = pathParams.map((p) => ({ name: p, in: 'path', required: true, schema: props[p] ?? { type: 'integer', minimum: 1 }, ...example(p) }));
  if (!opts.query) return out;
  for (const [p, schema] of Object.entries(props)) {
    if (pathParams.includes(p)) continue;
    const { description, example: _e, ...rest } = schema;
    // A list travels as one comma-separated value (`ids=12,15,18`): form style, not exploded.
    const list = rest.type === 'array' || ((rest.anyOf ?? []) as JsonSchema[]).some((s) => s.type === 'array');
    out.push({
      name: p, in: 'query', required: shape[p] ? !shape[p].safeParse(undefined).success : false,
      ...(description ? { description } : {}), schema: rest, ...(list ? { style: 'form', explode: false } : {}), ...example(p),
    });
  }
  return out;
}

/** A non-JSON route (upload, download, audio): its own description plus generated parameters. */
function httpRouteOperation(route: HttpRoute): JsonSchema {
  const parameters = [
    ...parametersFor(route.path, route.query ?? z.object({}), { query: true }),
    ...(route.headers ?? []).map((h) => ({ name: h.name, in: 'header', required: false, description: h.description, schema: { type: 'string' }, example: h.example })),
  ];
  // The role comes from the route's declaration, as for operations: never restated by hand.
  return { ...route.openapi, 'x-required-role': route.role, ...(parameters.length ? { parameters } : {}) };
}

/**
 * OpenAPI 3.1 generated from the contract's zod schemas: the same schemas that validate every request,
 * so the document cannot drift from what the server accepts. Each operation carries an example request
 * and response.
 */
export function buildOpenApi(routes: HttpRoute[] = []): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const name of Object.keys(operations) as OperationName[]) {
    const def = operations[name];
    const pathParams = pathParamNames(def.path);
    const inputSchema = toSchema(def.input, 'input');
    const props = (inputSchema.properties ?? {}) as Record<string, JsonSchema>;
    const hasBody = def.method === 'POST' || def.method === 'PUT' || def.method === 'PATCH';
    const example = def.example as { input: Record<string, unknown>; output: unknown };
    const parameters = parametersFor(def.path, def.input, { query: !hasBody, example: example.input });
    const bodySchema: JsonSchema = { ...inputSchema, properties: Object.fromEntries(Object.entries(props).filter(([p]) => !pathParams.includes(p))) };
    if (Array.isArray(inputSchema.required)) bodySchema.required = (inputSchema.required as string[]).filter((p) => !pathParams.includes(p));
    const bodyExample = Object.fromEntries(Object.entries(example.input).filter(([p]) => !pathParams.includes(p)));

    const errorStatuses = [...new Set(Object.values(statusForCategory))].sort();
    paths[def.path] ??= {};
    paths[def.path]![def.method.toLowerCase()] = {
      operationId: name,
      summary: def.summary,
      ...(def.description ? { description: def.description } : {}),
      tags: [def.tag],
      'x-required-role': def.role,
      ...(parameters.length ? { parameters } : {}),
      ...(hasBody
        ? { requestBody: { required: true, content: { 'application/json': { schema: bodySchema, example: bodyExample } } } }
        : {}),
      responses: {
        200: {
          description: 'Success',
          content: {
            'application/json': {
              schema: { type: 'object', required: ['ok', 'value'], properties: { ok: { const: true }, value: toSchema(def.output, 'output') } },
              example: { ok: true, value: example.output },
            },
          },
        },
        ...Object.fromEntries(
          errorStatuses.map((s) => [String(s), { $ref: '#/components/responses/Error' }]),
        ),
      },
    };
  }
  for (const route of routes) paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: httpRouteOperation(route) };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Call Center QA local API',
      version: pkg.version,
      license: { name: 'Proprietary', url: pkg.homepage },
      description:
        'The same operations the desktop window uses, served on 127.0.0.1 in browser mode. Every /api request needs ' +
        '`Authorization: Bearer <token>`; the token is printed on the ready line and written to <dataDir>/api-token. ' +
        'Responses are `{ok:true,value}` or `{ok:false,error:{category,message,hint}}`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    paths: {
      ...paths,
      '/api/v1/events': {
        get: {
          operationId: 'events.stream',
          summary: 'Server-sent events: every event the core emits (`event:` is the name, `data:` the JSON payload).',
          tags: ['events'],
          responses: {
            200: {
              description: 'text/event-stream',
              content: { 'text/event-stream': { schema: { type: 'string' }, example: 'event: settings.changed\ndata: {...}\n\n' } },
            },
            401: { $ref: '#/components/responses/Error' },
          },
          'x-events': Object.fromEntries(
            Object.entries(events).map(([n, e]) => [n, { summary: e.summary, payload: toSchema(e.payload, 'output') }]),
          ),
        },
      },
    },
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
      responses: {
        Error: {
          description: 'Failure with its category, message and what to do.',
          content: {
            'application/json': {
              schema: errorEnvelope,
              example: { ok: false, error: { category: 'invalid_input', message: 'Invalid input for settings.update: port: Too big', hint: 'Correct the highlighted fields and try again.' } },
            },
          },
        },
      },
    },
  };
}
