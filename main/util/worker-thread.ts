import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Where a worker thread's entry module is, and how to start it: one rule for every worker (audio, jobs,
 * analytics, exports, sidecar).
 *
 * From sources (vitest, tsx) the caller's module ends in .ts and the worker is the .ts file beside it.
 * Bundled, scripts/build.mjs writes each worker to dist/workers/<name>.mjs: look next to the bundle
 * (dist/server/serve.mjs → dist/server/workers) and then one level up (dist/workers). An environment
 * variable may override both (packaging experiments, tests of the bundle).
 */
export function workerUrl(callerUrl: string, sourceFile: string, bundledName: string, overrideEnv?: string): URL {
  const override = overrideEnv ? process.env[overrideEnv] : undefined;
  if (override) return pathToFileURL(override);
  if (/\.[cm]?ts$/.test(callerUrl)) return new URL(sourceFile, callerUrl);
  const dir = dirname(fileURLToPath(callerUrl));
  const candidates = [join(dir, 'workers', `${bundledName}.mjs`), join(dir, '..', 'workers', `${bundledName}.mjs`)];
  return pathToFileURL(candidates.find((c) => existsSync(c)) ?? candidates[1]!);
}

/**
 * Start a worker, optionally under a heap limit. A .ts worker needs the tsx loader registered inside
 * the new thread first: Node 20 does not apply `execArgv: ['--import', 'tsx']` hooks to a worker's
 * entry module, so a tiny eval'd bootstrap registers tsx (resolved to an absolute URL, the cwd does not
 * matter) and then imports it. The limits apply either way.
 */
export function startWorker(url: URL, opts: { resourceLimits?: ResourceLimits } = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, opts);
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = pathToFileURL(join(dirname(pkg), 'dist', 'esm', 'api', 'index.mjs')).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { ...opts, eval: true });
}
