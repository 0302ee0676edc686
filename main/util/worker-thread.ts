import { existsSync } from 'node:fs';
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

/** The source-mode entry (see tsx-worker.mjs): registers tsx in the thread, then imports workerData.tsxEntry. */
const tsxWorker = new URL('./tsx-worker.mjs', import.meta.url);

/**
 * How to load a worker module: bundled .mjs as it is; a .ts source through tsx-worker.mjs, which
 * registers the tsx loader inside the new thread first (the cwd does not matter). One rule for plain
 * workers (startWorker) and the piscina jobs pool.
 */
export function workerEntry(url: URL): { filename: URL; workerData?: { tsxEntry: string } } {
  return url.pathname.endsWith('.ts') ? { filename: tsxWorker, workerData: { tsxEntry: url.href } } : { filename: url };
}

/** Start a worker, optionally under a heap limit (applies from sources and bundled alike). */
export function startWorker(url: URL, opts: { resourceLimits?: ResourceLimits } = {}): Worker {
  const { filename, workerData } = workerEntry(url);
  return new Worker(filename, { ...opts, workerData });
}
