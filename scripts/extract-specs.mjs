#!/usr/bin/env node
/**
 * Cuts the providers' published OpenAPI descriptions down to the operations this app calls, plus every
 * component they transitively `$ref`, and writes them to tests/fakes/spec/. The fake provider servers
 * validate requests and their own responses against these files; they are committed because CI runs on
 * a clean clone where ../shared/specs may not exist.
 *
 * Usage: node scripts/extract-specs.mjs [SPECS_DIR] [--out=DIR]
 *   SPECS_DIR defaults to ../shared/specs relative to the repo; DIR to tests/fakes/spec.
 *
 * Documentation-only keywords (description, examples, titles, x-oaiMeta...) are dropped to keep the
 * output small; everything that constrains data (type, enum, required, properties, anyOf...) is kept.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith('--'));
const outArg = args.find((a) => a.startsWith('--out='));
const specsDir = resolve(positional[0] ?? join(repoRoot, '../shared/specs'));
const outDir = resolve(outArg ? outArg.slice('--out='.length) : join(repoRoot, 'tests/fakes/spec'));

const jobs = [
  {
    file: 'openai-openapi.yaml',
    out: 'openai.json',
    operations: [
      ['/audio/transcriptions', 'post'],
      ['/chat/completions', 'post'],
      ['/responses', 'post'],
    ],
  },
  {
    file: 'elevenlabs-openapi.json',
    out: 'elevenlabs.json',
    operations: [['/v1/speech-to-text', 'post']],
  },
];

/** Keywords that only document a schema; dropping them cannot change what validates. */
const DOC_KEYWORDS = new Set(['description', 'summary', 'example', 'examples', 'title', 'deprecated', 'externalDocs']);
/** Keywords whose value is a map of name -> schema: the names are data and must all be kept. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** Walks a schema (or operation / response object) dropping doc-only keys and vendor extensions. */
function strip(node) {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (DOC_KEYWORDS.has(key) && (typeof value !== 'object' || key === 'examples' || key === 'example' || key === 'externalDocs')) continue;
    if (key.startsWith('x-') && key !== 'x-stainless-const') continue;
    if (SCHEMA_MAPS.has(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, strip(schema)]));
    } else if (key === 'enum' || key === 'const' || key === 'default' || key === 'required') {
      out[key] = value; // data, not schemas: keep verbatim
    } else {
      out[key] = strip(value);
    }
  }
  return out;
}

function pointerGet(doc, ref) {
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node?.[part];
  }
  if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  return node;
}

function collectRefs(node, into) {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, into));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') into.push(value);
      else collectRefs(value, into);
    }
  }
}

function extract(doc, operations) {
  const out = { openapi: doc.openapi, info: { title: doc.info?.title, version: doc.info?.version }, paths: {}, components: {} };
  if (doc.servers) out.servers = doc.servers;
  if (doc.security) out.security = doc.security;
  if (doc.components?.securitySchemes) out.components.securitySchemes = doc.components.securitySchemes;
  const pending = [];
  for (const [path, method] of operations) {
    const op = doc.paths?.[path]?.[method];
    if (!op) throw new Error(`operation ${method.toUpperCase()} ${path} not found`);
    const kept = strip(op);
    kept.operationId = op.operationId;
    out.paths[path] = { ...out.paths[path], [method]: kept };
    collectRefs(kept, pending);
  }
  const seen = new Set();
  while (pending.length) {
    const ref = pending.pop();
    if (seen.has(ref)) continue;
    seen.add(ref);
    if (!ref.startsWith('#/components/')) throw new Error(`unsupported $ref ${ref}`);
    const [, , section, name] = ref.split('/');
    const kept = strip(pointerGet(doc, `#/components/${section}/${name}`));
    out.components[section] ??= {};
    out.components[section][name] = kept;
    collectRefs(kept, pending);
  }
  for (const section of Object.keys(out.components)) {
    out.components[section] = Object.fromEntries(Object.entries(out.components[section]).sort(([a], [b]) => a.localeCompare(b)));
  }
  return out;
}

mkdirSync(outDir, { recursive: true });
for (const job of jobs) {
  const text = readFileSync(join(specsDir, job.file), 'utf8');
  const doc = job.file.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 });
  const subset = extract(doc, job.operations);
  const json = `${JSON.stringify(subset)}\n`;
  writeFileSync(join(outDir, job.out), json);
  const count = Object.keys(subset.components.schemas ?? {}).length;
  console.log(`${job.out}: ${job.operations.length} operations, ${count} schemas, ${(json.length / 1024).toFixed(0)} KiB`);
}
