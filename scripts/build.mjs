// Builds everything `npm start` / `npm run serve` / E2E tests run:
//   dist/server/serve.mjs     browser mode (Node)          dist/electron/main.mjs   Electron main
//   dist/electron/preload.cjs sandboxed preload (CJS)      dist/workers/*.mjs       worker threads
//   dist/migrations/          committed drizzle migrations dist/renderer/           Vite build of the UI
// The renderer build is skipped when no renderer/contract source changed since the last build.
//
// Safe to run while a server runs from dist/ (tests start servers while `npm run serve` rebuilds, a
// developer rebuilds beside a running app): nothing is deleted and re-copied. Every output is built in
// memory or in a private temporary folder, then each file whose bytes changed is written beside its
// target and renamed over it (rename is atomic), and files that are no longer produced are removed last.
// A reader sees the old file or the new one, never a missing or half-written one.
import { build as esbuild } from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { keepExternal } from './build-externals.mjs';
import { syncFolder, writeIfChanged } from './build-files.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const t0 = performance.now();

// mainFields: prefer ESM builds; some packages' default `main` is a UMD bundle whose dynamic
// require('./impl/...') esbuild cannot follow (jsonc-parser).
const node = { platform: 'node', target: 'node20', bundle: true, sourcemap: true, logLevel: 'warning', absWorkingDir: root, mainFields: ['module', 'main'] };
// Worker threads: dist/workers/<name>.mjs ← entry (main/util/worker-thread.ts finds them there by name).
const workers = {
  audio: 'main/audio/worker.ts',
  jobs: 'main/workers/jobs-worker.ts',
  exports: 'main/exports/render-worker.ts',
  sidecar: 'main/domains/recordings/sidecar-worker.ts',
};

// Bundled CommonJS dependencies call require(); give ESM output a real one.
const esmRequire = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };
const nodeEsm = { ...node, format: 'esm', external: keepExternal, banner: esmRequire };
const entries = [
  { ...nodeEsm, entryPoints: ['main/server/serve.ts'], outfile: 'dist/server/serve.mjs' },
  { ...nodeEsm, entryPoints: ['main/cli/users.ts'], outfile: 'dist/cli/users.mjs' },
  { ...nodeEsm, entryPoints: ['main/cli/db.ts'], outfile: 'dist/cli/db.mjs' },
  { ...nodeEsm, entryPoints: ['main/cli/worker.ts'], outfile: 'dist/cli/worker.mjs' },
  { ...nodeEsm, entryPoints: ['main/cli/healthcheck.ts'], outfile: 'dist/cli/healthcheck.mjs' },
  { ...nodeEsm, entryPoints: ['main/electron/main.ts'], outfile: 'dist/electron/main.mjs' },
  // Sandboxed preloads cannot require node_modules: bundle everything but electron itself.
  { ...node, format: 'cjs', minify: true, external: ['electron'], entryPoints: ['preload/bridge.ts'], outfile: 'dist/electron/preload.cjs' },
];
// write: false — esbuild hands back the files; writeIfChanged puts each in place atomically.
const results = await Promise.all([
  ...entries.filter((e) => existsSync(join(root, e.entryPoints[0]))).map((e) => esbuild({ ...e, write: false })),
  ...Object.entries(workers).map(([name, entry]) => esbuild({ ...nodeEsm, write: false, entryPoints: [entry], outfile: `dist/workers/${name}.mjs` })),
]);
for (const file of results.flatMap((r) => r.outputFiles)) writeIfChanged(file.path, file.contents);
syncFolder(join(root, 'db/migrations'), join(dist, 'migrations'));
writeIfChanged(join(dist, 'auth', 'common-passwords.txt'), readFileSync(join(root, 'main/auth/data/common-passwords.txt')));

const newest = (dir) => {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};
const stamp = join(dist, 'renderer', '.stamp');
const sourcesChanged = Math.max(newest(join(root, 'renderer')), newest(join(root, 'preload/contract'))) >
  (existsSync(stamp) ? statSync(stamp).mtimeMs : 0);
if (sourcesChanged || process.argv.includes('--force')) {
  const { build: viteBuild } = await import('vite');
  // Vite empties its outDir: build into a private folder, then move the files in. index.html goes
  // last so a page loaded mid-build never names a chunk that is not there yet.
  const staging = mkdtempSync(join(dist, '.renderer-'));
  try {
    await viteBuild({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
    const target = join(dist, 'renderer');
    syncFolder(staging, target, { last: ['index.html'], keep: ['.stamp'] });
    writeIfChanged(stamp, new Date().toISOString());
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
process.stderr.write(`build: done in ${Math.round(performance.now() - t0)} ms${sourcesChanged ? '' : ' (renderer up to date)'}\n`);
