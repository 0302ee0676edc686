import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './serve-process.js';

export const workerEntry = join(repoRoot, 'dist/cli/worker.mjs');
export const usersEntry = join(repoRoot, 'dist/cli/users.mjs');

/** `npm run users -- worker-token --name <name>` against a data folder: the token (its last line). */
export function mintWorkerToken(dataDir: string, name: string): string {
  const r = spawnSync(process.execPath, [usersEntry, 'worker-token', '--name', name], { env: { ...process.env, CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test' }, encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`worker-token failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim().split('\n').at(-1)!;
}

export interface WorkerProcess {
  proc: ChildProcess;
  id: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * A worker process, started and waited for until its ready line: dist/cli/worker.mjs, or `npm run
 * worker -- <args>` as a user types it (`viaNpm`; its own process group, stopped as a terminal would).
 */
export async function startWorkerProcess(env: Record<string, string>, args: string[] = [], opts: { viaNpm?: boolean } = {}): Promise<WorkerProcess> {
  const fullEnv = { ...process.env, CCA_LOG_LEVEL: 'warn', ...env };
  const proc = opts.viaNpm
    ? spawn('npm', ['run', 'worker', '--', ...args], { cwd: repoRoot, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    : spawn(process.execPath, [workerEntry, ...args], { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  // A bound, not a target: `npm run worker` builds first, and a worker loads the provider SDKs before
  // it announces itself — on a loaded 2-core machine that has taken over 20 s.
  const readyMs = 60_000;
  const id = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker not ready in ${readyMs / 1000} s:\n${out}`)), readyMs);
    proc.stdout!.on('data', () => {
      const m = /worker ready: id=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`worker exited with ${code} before ready:\n${out}`), { code, output: out }));
    });
  });
  return {
    proc, id, output: () => out,
    stop: (signal = 'SIGTERM') => new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve(proc.exitCode);
      proc.once('exit', (code) => resolve(code));
      if (opts.viaNpm) process.kill(-proc.pid!, signal);
      else proc.kill(signal);
    }),
  };
}

/** Run a worker that is expected to stop on its own (refused): exit code and output. */
export function runWorkerToExit(env: Record<string, string>, args: string[] = []): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [workerEntry, ...args], { env: { ...process.env, CCA_LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
