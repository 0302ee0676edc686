import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/serve-process.js';

/**
 * Build dist/ once, in the runner's own process, before any test process starts: tests only check
 * that it exists (tests/helpers/ensure-built.ts). A build inside each forked worker raced the servers
 * another worker was starting from the same dist/.
 */
export function buildOnce(): void {
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 });
}
