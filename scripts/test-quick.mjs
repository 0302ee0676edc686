// npm run test:quick [-- <git ref>]: the fast loop while developing (target: under 3 minutes).
// Typecheck, lint, every unit test, and the integration tests the current diff touches: the test
// files changed since <ref> (default: uncommitted changes) and those importing a changed module
// (Vitest's --changed). The full `npm test` stays the CI command.
import { spawnSync } from 'node:child_process';

const since = process.argv[2];
const steps = [
  ['typecheck', ['npm', 'run', '--silent', 'typecheck']],
  ['lint', ['npm', 'run', '--silent', 'lint']],
  ['unit', ['npx', 'vitest', 'run', '--project', 'unit']],
  ['integration (changed)', ['npx', 'vitest', 'run', '--project', 'integration', '--passWithNoTests', since ? `--changed=${since}` : '--changed']],
];
const t0 = performance.now();
for (const [name, [cmd, ...args]] of steps) {
  const started = performance.now();
  process.stdout.write(`== ${name}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  const took = ((performance.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stderr.write(`test:quick: ${name} failed after ${took} s\n`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`== ${name}: passed in ${took} s\n`);
}
process.stdout.write(`test:quick: all passed in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
