import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './serve-process.js';

let built = false;

/** Build dist/ once per test process (fast when up to date: esbuild ~0.2 s, renderer skipped). */
export function ensureBuilt(): void {
  if (built) return;
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  built = true;
}
