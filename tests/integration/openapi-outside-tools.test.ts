import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/serve-process.js';
import { startTwoAgents, type TwoAgents } from '../helpers/two-agents.js';

/**
 * Issue 38: the served OpenAPI document as integrators' tools take it. Redocly's recommended rules
 * find nothing (warnings included); every example — parameter, schema, request and response body —
 * validates against its own schema with a JSON-Schema validator; and a TypeScript client generated
 * from the document by openapi-typescript type-checks and works against the real server: list calls,
 * get an analysis, override an answer.
 */
type Json = Record<string, unknown>;
const run = promisify(execFile);
let two: TwoAgents;
let doc: Json;
const work = mkdtempSync(join(tmpdir(), 'cca-openapi-'));

beforeAll(async () => {
  two = await startTwoAgents();
  doc = (await (await fetch(`${two.s.origin}/api/v1/openapi.json`, { headers: { Authorization: `Bearer ${two.s.server.token}` } })).json()) as Json;
}, 180_000);
afterAll(async () => {
  await two?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Every example in the document with the schema it must satisfy, and where it is. */
function examples(node: unknown, at: string, out: { at: string; schema: Json; example: unknown }[] = []): typeof out {
  if (Array.isArray(node)) node.forEach((n, i) => examples(n, `${at}/${i}`, out));
  else if (node && typeof node === 'object') {
    const o = node as Json;
    // A parameter or media type carries `example` beside its `schema`; a schema carries it on itself.
    if ('example' in o && 'schema' in o) out.push({ at, schema: o.schema as Json, example: o.example });
    else if ('example' in o && ('type' in o || 'anyOf' in o || 'oneOf' in o || 'properties' in o)) {
      const { example, ...schema } = o;
      out.push({ at, schema, example });
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'example') examples(v, `${at}/${k}`, out);
  }
  return out;
}

describe('the OpenAPI document', () => {
  it('passes Redocly\'s recommended rules with no problem at all, and names its licence', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: join(work, 'openapi.json'), config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
    expect((doc.info as Json).license).toMatchObject({ name: expect.any(String) as unknown });
  });

  it('has examples that all validate against their schemas', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
    addFormats.default(ajv);
    const found = examples(doc.paths, '#/paths');
    expect(found.length).toBeGreaterThan(200);
    const wrong = found.flatMap(({ at, schema, example }) => {
      const validate = ajv.compile(schema);
      return validate(example) ? [] : [`${at}: ${ajv.errorsText(validate.errors)}`];
    });
    expect(wrong).toEqual([]);
    // The check can fail: a number documented with a string example is caught.
    expect(ajv.validate({ type: 'number' }, '60')).toBe(false);
  });

  it('generates TypeScript types with openapi-typescript that a client compiles against and uses on the real server', async () => {
    const types = astToString(await openapiTS(doc as never));
    writeFileSync(join(work, 'api.d.ts'), types);
    const id = two.ids.dana[0]!;
    writeFileSync(join(work, 'client.ts'), `
import type { paths } from './api.js';
type Calls = paths['/api/v1/calls']['get'];
type Analysis = paths['/api/v1/recordings/{id}/analysis']['get'];
type Override = paths['/api/v1/recordings/{id}/overrides/{criterionId}']['put'];
type Ok<T> = Extract<T, { ok: true }>;
const [origin, token, id] = process.argv.slice(2) as [string, string, string];
const headers = { Authorization: \`Bearer \${token}\`, 'Content-Type': 'application/json' };
async function get<R>(path: string): Promise<R> { return (await (await fetch(origin + path, { headers })).json()) as R; }
const query: NonNullable<Calls['parameters']['query']> = { limit: 10, sort: 'score', dir: 'asc' };
const list = await get<Calls['responses'][200]['content']['application/json']>(\`/api/v1/calls?limit=\${query.limit}&sort=\${query.sort}&dir=\${query.dir}\`);
if (!list.ok) throw new Error('list failed');
const total: number = (list as Ok<typeof list>).value.total;
const analysis = await get<Analysis['responses'][200]['content']['application/json']>(\`/api/v1/recordings/\${id}/analysis\`);
if (!analysis.ok) throw new Error('analysis failed');
const criterion: string = (analysis as Ok<typeof analysis>).value.analysis.scorecard.criteria[0]!.id;
const body: Override['requestBody']['content']['application/json'] = { answer: 'n/a', comment: 'checked by the generated client' };
const res = await fetch(\`\${origin}/api/v1/recordings/\${id}/overrides/\${encodeURIComponent(criterion)}\`, { method: 'PUT', headers, body: JSON.stringify(body) });
const overridden = (await res.json()) as Override['responses'][200]['content']['application/json'];
console.log(JSON.stringify({ total, criterion, ok: overridden.ok }));
`);
    writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [join(repoRoot, 'node_modules/@types')] }, files: ['client.ts', 'api.d.ts'] }));
    writeFileSync(join(work, 'package.json'), JSON.stringify({ type: 'module' }));
    // Type-checked by the project's own TypeScript: a wrong path, field or answer type fails here.
    // Asynchronously: the server under test runs in this process and must keep answering.
    await run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(work, 'tsconfig.json')], { timeout: 120_000 });
    const { stdout: out } = await run(process.execPath, [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), join(work, 'client.ts'), two.s.origin, two.s.server.token, String(id)], { timeout: 60_000 });
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as { total: number; criterion: string; ok: boolean };
    expect(result).toMatchObject({ total: 3, ok: true });
    const review = (await (await fetch(`${two.s.origin}/api/v1/recordings/${id}/review`, { headers: { Authorization: `Bearer ${two.s.server.token}` } })).json()) as { value: unknown };
    expect(JSON.stringify(review.value)).toContain('checked by the generated client');
  }, 120_000);
});
