import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { retryStaleConnectionsTo, withStaleConnectionRetry } from './fetch-retry.js';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const serveEntry = join(repoRoot, 'dist/server/serve.mjs');

export interface ServedApp {
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Authorized fetch against the API. */
  api(path: string, init?: RequestInit): Promise<Response>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

// Also used from Playwright, where the global fetch is not wrapped (tests/setup/vitest-file.ts).
const retryingFetch = withStaleConnectionRetry(globalThis.fetch);

const READY = /(http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+))/;

/**
 * Start the built browser-mode server (dist/server/serve.mjs; `node scripts/build.mjs` first) on a
 * fresh temp data dir and wait for its ready line. Used by integration and E2E tests.
 */
export async function startServedApp(opts: { env?: Record<string, string>; dataDir?: string; timeoutMs?: number } = {}): Promise<ServedApp> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'cca-e2e-'));
  const proc = spawn(process.execPath, [serveEntry], {
    env: { ...process.env, CCA_PROFILE: 'test', CCA_PORT: '0', CCA_DATA_DIR: dataDir, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const ready = await new Promise<RegExpExecArray>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in time.\nstdout: ${out}\nstderr: ${err}`)), opts.timeoutMs ?? 20_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = READY.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise(m);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before ready.\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  const port = Number(ready[2]);
  const token = ready[3]!;
  const origin = `http://127.0.0.1:${port}`;
  retryStaleConnectionsTo(origin);
  return {
    url: ready[1]!,
    origin,
    port,
    token,
    dataDir,
    proc,
    stdout: () => out,
    stderr: () => err,
    api: (path, init = {}) => retryingFetch(`${origin}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } }),
    stop: (signal = 'SIGTERM') =>
      new Promise((resolvePromise) => {
        if (proc.exitCode !== null) return resolvePromise(proc.exitCode);
        proc.once('exit', (code) => {
          if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
          resolvePromise(code);
        });
        proc.kill(signal);
      }),
  };
}
