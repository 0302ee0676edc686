import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpRoutes } from '../../main/server/http-routes.js';
import { operations } from '../../preload/contract/index.js';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';

// Every query parameter a route accepts (the fields of the schema that validates it) is in the
// served OpenAPI document, and the document lists none the route does not accept.

type Param = { name: string; in: string; required: boolean; description?: string; schema: Record<string, unknown> };
type Doc = { paths: Record<string, Record<string, { parameters?: Param[] }>> };

let app: ServedApp;
let doc: Doc;
beforeAll(async () => {
  ensureBuilt();
  app = await startServedApp();
  doc = (await (await app.api('/api/v1/openapi.json')).json()) as Doc;
}, 120_000);
afterAll(async () => {
  await app.stop();
});

const pathParams = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
const documented = (path: string, method: string, where: 'query' | 'path') =>
  (doc.paths[path]?.[method.toLowerCase()]?.parameters ?? []).filter((p) => p.in === where).map((p) => p.name).sort();

describe('OpenAPI parameters', () => {
  it.each(httpRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s documents exactly its query schema', (_name, route) => {
    const accepted = Object.keys(route.query?.shape ?? {}).sort();
    expect(documented(route.path, route.method, 'query')).toEqual(accepted);
    expect(documented(route.path, route.method, 'path')).toEqual(pathParams(route.path).sort());
  });

  it('GET/DELETE operations document every input field that is not a path param', () => {
    for (const def of Object.values(operations)) {
      if (def.method !== 'GET' && def.method !== 'DELETE') continue;
      const shape = def.input instanceof z.ZodObject ? Object.keys(def.input.shape) : [];
      const accepted = shape.filter((k) => !pathParams(def.path).includes(k)).sort();
      expect(documented(def.path, def.method, 'query'), `${def.method} ${def.path}`).toEqual(accepted);
    }
  });

  it('the filters the hand-written fragments used to miss are there, described, with requiredness from the schema', () => {
    const csv = doc.paths['/api/v1/exports/calls.csv']!.get!.parameters!;
    for (const name of ['criterion', 'criterionResult', 'outcome', 'reason']) {
      const p = csv.find((x) => x.name === name);
      expect(p, name).toBeDefined();
      expect(p!.required).toBe(false);
      expect(p!.description?.length).toBeGreaterThan(5);
    }
    expect(csv.find((p) => p.name === 'outcome')!.schema).toMatchObject({ enum: ['resolved', 'escalated', 'callback', 'unresolved'] });
    expect(csv.find((p) => p.name === 'redact')).toMatchObject({ required: false });
    const pack = doc.paths['/api/v1/recordings/{id}/evidence.html']!.get!.parameters!;
    expect(pack.find((p) => p.name === 'audio')).toMatchObject({ in: 'query', required: false });
    const agent = doc.paths['/api/v1/reports/agent.pdf']!.get!.parameters!;
    expect(agent.filter((p) => p.required).map((p) => p.name).sort()).toEqual(['agent', 'from', 'to']);
    const audio = doc.paths['/api/v1/recordings/{id}/audio']!.get!.parameters!;
    expect(audio.map((p) => `${p.in}:${p.name}`).sort()).toEqual(['header:Range', 'path:id', 'query:exp', 'query:sig']);
  });
});
