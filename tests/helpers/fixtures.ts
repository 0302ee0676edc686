import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real two-speaker call recordings for tests, synthesised by tests/fixtures/make-calls.py (espeak-ng +
 * sox + ffmpeg) from tests/fixtures/calls.json. Generated once into tests/.cache/<key>/ where the key
 * hashes the script, the scripts file and the options, so reruns are instant and a change regenerates.
 */
const here = dirname(fileURLToPath(import.meta.url));
export const fixturesDir = resolve(here, '../fixtures');
const cacheRoot = resolve(here, '../.cache');

export interface TruthTurn {
  speaker: 'agent' | 'customer';
  text: string;
  start: number;
  end: number;
}
export interface CallTruth {
  id: string;
  agent: string;
  queue?: string;
  expect: Record<string, unknown>;
  duration_s: number;
  channels: number;
  turns: TruthTurn[];
}
export interface CallScript {
  id: string;
  agent: string;
  queue?: string;
  expect?: Record<string, unknown>;
  turns: [speaker: 'agent' | 'customer', text: string][];
}

export interface GenerateOptions {
  formats?: string[];
  mono?: boolean;
  /** Custom scripts instead of tests/fixtures/calls.json. */
  scripts?: CallScript[];
}

export interface GeneratedCalls {
  dir: string;
  ids: string[];
  file(id: string, format: string): string;
  truth(id: string): CallTruth;
}

export function generateCalls(options: GenerateOptions = {}): GeneratedCalls {
  const formats = options.formats ?? ['wav'];
  const scriptsJson = options.scripts
    ? JSON.stringify(options.scripts)
    : readFileSync(join(fixturesDir, 'calls.json'), 'utf8');
  const tool = readFileSync(join(fixturesDir, 'make-calls.py'));
  const key = createHash('sha256')
    .update(tool)
    .update(scriptsJson)
    .update(JSON.stringify({ formats, mono: !!options.mono }))
    .digest('hex')
    .slice(0, 16);
  const dir = join(cacheRoot, key);
  const ids = (JSON.parse(scriptsJson) as CallScript[]).map((c) => c.id);
  if (!existsSync(join(dir, '.complete'))) {
    // Generate into a sibling temp dir and rename: parallel test files never see a half-made cache.
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const scriptsFile = join(tmp, 'scripts.json');
    writeFileSync(scriptsFile, scriptsJson);
    const args = [join(fixturesDir, 'make-calls.py'), scriptsFile, tmp, `--formats=${formats.join(',')}`];
    if (options.mono) args.push('--mono');
    execFileSync('python3', args, { stdio: ['ignore', 'ignore', 'inherit'] });
    rmSync(scriptsFile);
    writeFileSync(join(tmp, '.complete'), new Date().toISOString());
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another process won the race; use its copy
    }
  }
  return {
    dir,
    ids,
    file: (id, format) => join(dir, `${id}.${format}`),
    truth: (id) => JSON.parse(readFileSync(join(dir, `${id}.truth.json`), 'utf8')) as CallTruth,
  };
}

/** Every generated audio file in a cache dir (for tests that import a whole folder). */
export function audioFiles(calls: GeneratedCalls): string[] {
  return readdirSync(calls.dir)
    .filter((f) => !f.endsWith('.json') && !f.startsWith('.'))
    .map((f) => join(calls.dir, f));
}
