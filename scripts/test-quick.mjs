// npm run test:quick [-- <git ref>]: the fast loop while developing (target: under 3 minutes).
// Typecheck, lint, every unit test, and the integration test files the current diff touches: those
// changed or added since <ref> (default: the working tree against HEAD). A change to the product is
// covered by the test files changed with it; the full `npm test` (CI) runs everything.
import { execFileSync, spawn } from 'node:child_process';

const since = process.argv[2] ?? 'HEAD';
const git = (...args) => execFileSync('git', args, { encoding: 'utf8' }).split('\n').filter(Boolean);
const touched = [...new Set([...git('diff', '--name-only', since), ...git('ls-files', '--others', '--exclude-standard')])]
  .filter((f) => /^tests\/integration\/.*\.test\.ts$/.test(f));
// Typecheck and lint read the same files and use one core each: they run side by side.
const steps = [
  [['typecheck', ['npm', 'run', '--silent', 'typecheck']], ['lint', ['npm', 'run', '--silent', 'lint']]],
  [['unit', ['npx', 'vitest', 'run', '--project', 'unit']]],
  ...(touched.length ? [[[`integration (${touched.length} touched: ${touched.map((f) => f.replace('tests/integration/', '')).join(', ')})`, ['npx', 'vitest', 'run', '--project', 'integration', ...touched]]]] : []),
];
if (!touched.length) process.stdout.write(`test:quick: no integration test file touched since ${since}\n`);

/** Run one step; its output is printed when it ends, so side-by-side steps do not interleave. */
function run([name, [cmd, ...args]]) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('close', (code) => {
      const took = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(`== ${name}\n${Buffer.concat(out).toString()}== ${name}: ${code === 0 ? 'passed' : 'FAILED'} in ${took} s\n`);
      resolve(code);
    });
  });
}

const t0 = performance.now();
for (const group of steps) {
  const codes = await Promise.all(group.map(run));
  const failed = codes.find((c) => c !== 0);
  if (failed !== undefined) {
    process.stderr.write('test:quick: failed\n');
    process.exit(failed ?? 1);
  }
}
process.stdout.write(`test:quick: all passed in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
