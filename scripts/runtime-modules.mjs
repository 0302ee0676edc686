// Trims an installed node_modules (after `npm prune --omit=dev`) to what dist/ loads at run time: the
// packages the build leaves external or reads as files (scripts/build-externals.mjs) and everything they depend on,
// found the way Node resolves them. The rest is bundled into dist/ already. Used by the Containerfile;
// prints what it kept and removed.
//   node scripts/runtime-modules.mjs [node_modules folder]
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { runtimePackages } from './build-externals.mjs';

const modules = resolve(process.argv[2] ?? 'node_modules');
const root = dirname(modules);
const pkgJson = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** Package folders directly in a node_modules folder (scoped ones included). */
function packagesIn(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((n) => !n.startsWith('.')).flatMap((n) =>
    n.startsWith('@') ? readdirSync(join(folder, n)).map((m) => join(folder, n, m)) : [join(folder, n)]);
}

/** Where `name` resolves from `fromDir` (Node's lookup: each node_modules up to the project's). */
function locate(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dir === dirname(dir)) return null;
  }
}

// The externals, wildcards expanded against what is installed at the top.
const top = packagesIn(modules).map((p) => relative(modules, p));
const wanted = runtimePackages.flatMap((e) => (e.endsWith('/*') ? top.filter((n) => n.startsWith(e.slice(0, -1))) : [e]));
const keep = new Set();
const queue = wanted.map((n) => locate(n, root)).filter(Boolean);
while (queue.length) {
  const dir = queue.pop();
  if (keep.has(dir)) continue;
  keep.add(dir);
  const p = pkgJson(dir);
  // Peer dependencies count when installed (openai's helpers import zod, which the app provides);
  // optional ones that were not installed (another platform's binary) are skipped.
  for (const dep of Object.keys({ ...p.dependencies, ...p.optionalDependencies, ...p.peerDependencies })) {
    const found = locate(dep, dir);
    if (found) queue.push(found);
  }
}

const size = (p) => {
  const s = statSync(p, { throwIfNoEntry: false });
  if (!s) return 0;
  return s.isDirectory() ? readdirSync(p).reduce((n, e) => n + size(join(p, e)), 0) : s.size;
};
let removedBytes = 0;
let removed = 0;
/** Remove every package under `folder` that nothing kept needs, then look inside the kept ones. */
function sweep(folder) {
  for (const dir of packagesIn(folder)) {
    if (keep.has(dir)) {
      sweep(join(dir, 'node_modules'));
      continue;
    }
    removedBytes += size(dir);
    removed++;
    rmSync(dir, { recursive: true, force: true });
  }
}
sweep(modules);
for (const scope of readdirSync(modules).filter((n) => n.startsWith('@'))) {
  if (readdirSync(join(modules, scope)).length === 0) rmSync(join(modules, scope), { recursive: true });
}
process.stderr.write(`runtime-modules: kept ${keep.size} packages (${wanted.length} loaded by dist/ and their dependencies), removed ${removed} (${Math.round(removedBytes / 1024 / 1024)} MB)\n`);
