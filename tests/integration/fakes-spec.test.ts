import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec, type Provider } from '../fakes/spec-check.js';

// The committed spec subset is what the fakes trust: it must be complete and current.
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sharedSpecs = resolve(repo, '../shared/specs');

describe('committed provider spec subset', () => {
  it.each<[Provider, string[]]>([
    ['openai', ['/audio/transcriptions', '/chat/completions', '/responses']],
    ['elevenlabs', ['/v1/speech-to-text']],
  ])('%s: every operation and every schema compiles (no dangling $ref)', (provider, paths) => {
    const spec = loadSpec(provider);
    for (const path of paths) {
      expect(spec.requestPointer(path, path === '/chat/completions' || path === '/responses' ? 'application/json' : 'multipart/form-data')).toMatch(/^#\//);
      expect(() => spec.validate(spec.responsePointer(path, 200), {})).not.toThrow();
    }
    const schemas = (spec.document.components as { schemas: Record<string, unknown> }).schemas;
    for (const name of Object.keys(schemas)) {
      expect(() => spec.validate(`#/components/schemas/${name}`, null), name).not.toThrow();
    }
  });

  it.skipIf(!existsSync(sharedSpecs))('matches a fresh extraction from ../shared/specs', () => {
    const out = mkdtempSync(join(tmpdir(), 'specs-'));
    try {
      execFileSync('node', [join(repo, 'scripts/extract-specs.mjs'), sharedSpecs, `--out=${out}`], { stdio: 'ignore' });
      for (const file of ['openai.json', 'elevenlabs.json']) {
        expect(readFileSync(join(out, file), 'utf8'), `${file} is stale: run node scripts/extract-specs.mjs`).toBe(
          readFileSync(join(repo, 'tests/fakes/spec', file), 'utf8'),
        );
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
