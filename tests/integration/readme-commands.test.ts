import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { repoRoot } from '../helpers/serve-process.js';

/**
 * Issue 12 item 1: every command the README gives, run the way a user types it (through npm, in its
 * own process group, stopped with the signal a terminal sends), and every package.json script's file
 * produced by the build. Wave 1 shipped a `npm run serve` pointing at a file the build never wrote,
 * and every test started the built file directly, so nothing noticed. `npm run fakes` with a call
 * finishing through it is tests/integration/fakes-serve-generic.test.ts; `npm test` is CI itself.
 */
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const scripts = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const READY = /ready at (http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+))/;

interface Run { proc: ChildProcess; out: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }

function npm(args: string[], env: Record<string, string> = {}): Run {
  // detached: its own process group, like a terminal's foreground job; signals go to the whole group.
  const proc = spawn('npm', args, { cwd: repoRoot, env: { ...process.env, CCA_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.once('exit', (code, signal) => r({ code, signal })));
  return { proc, out: () => out, exited };
}

async function waitFor(run: Run, re: RegExp, ms: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const m = re.exec(run.out());
    if (m) return m;
    if (run.proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${re} in the output:\n${run.out()}`);
}

/** What Ctrl-C (SIGINT) or closing the terminal (SIGHUP) does: the signal to the whole group. Resolves when every process of it is gone. */
async function stopGroup(run: Run, signal: NodeJS.Signals): Promise<void> {
  process.kill(-run.proc.pid!, signal);
  await run.exited; // npm itself dies of the signal, as the shell convention has it
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      process.kill(-run.proc.pid!, 0);
    } catch {
      return; // ESRCH: the server is gone too
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not stop within 15 s of ${signal}:\n${run.out()}`);
}

/** A clean stop: the token file removed, the database closed (SQLite folds and deletes its WAL on the last close). */
function expectCleanStop(dir: string, run: Run): void {
  expect(run.out()).not.toMatch(/Error|unhandled/i);
  expect(existsSync(join(dir, 'api-token')), 'api-token left behind').toBe(false);
  expect(existsSync(join(dir, 'cca.sqlite')), 'the database').toBe(true);
  expect(existsSync(join(dir, 'cca.sqlite-wal')), 'WAL left behind: the database was not closed').toBe(false);
}

const groups: ChildProcess[] = [];
const dirs: string[] = [];
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'cca-readme-'));
  dirs.push(d);
  return d;
};

beforeAll(() => ensureBuilt(), 120_000);
afterAll(() => {
  for (const p of groups) {
    try {
      process.kill(-p.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the README commands', () => {
  it('every npm command the README shows is a script in package.json', () => {
    const shown = new Set([...readme.matchAll(/\bnpm (run [\w:-]+|start|test|install|ci)\b/g)].map((m) => m[1]!));
    expect(shown.size).toBeGreaterThan(4);
    for (const c of shown) {
      if (c === 'install' || c === 'ci') continue;
      const name = c.replace(/^run /, '');
      expect(scripts[name], `README shows "npm ${c}"`).toBeTruthy();
    }
  });

  it('every file a package.json script runs exists after the build', () => {
    const missing: string[] = [];
    for (const [name, cmd] of Object.entries(scripts)) {
      for (const m of cmd.matchAll(/(?:\bnode|\btsx|\s-c|--config)\s+([\w./-]+\.(?:[cm]?[jt]s|ya?ml|json))/g)) {
        if (!existsSync(join(repoRoot, m[1]!))) missing.push(`${name}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  for (const signal of ['SIGINT', 'SIGHUP'] as const) {
    it(`npm run serve: the ready line, health with the token, ${signal} → clean exit, api-token removed`, async () => {
      const dir = dataDir();
      const run = npm(['run', 'serve'], { CCA_DATA_DIR: dir });
      groups.push(run.proc);
      const [, , port, token] = await waitFor(run, READY, 60_000);
      expect(readFileSync(join(dir, 'api-token'), 'utf8').trim()).toBe(token);
      const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`, { headers: { Authorization: `Bearer ${token}` } });
      expect(health.status).toBe(200);
      expect(((await health.json()) as { ok: boolean }).ok).toBe(true);
      const refused = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      expect(refused.status).toBe(401);
      await stopGroup(run, signal);
      expectCleanStop(dir, run);
    }, 90_000);
  }

  it('npm start without Electron: the one-line explanation, then the ready line; Ctrl-C stops it', async () => {
    const dir = dataDir();
    const run = npm(['start'], { CCA_DATA_DIR: dir });
    groups.push(run.proc);
    await waitFor(run, READY, 60_000);
    const lines = run.out().split('\n');
    const explain = lines.findIndex((l) => l.startsWith('Electron is not installed'));
    const ready = lines.findIndex((l) => READY.test(l));
    expect(explain, run.out()).toBeGreaterThanOrEqual(0);
    expect(explain).toBeLessThan(ready);
    expect(lines[explain]).toMatch(/starting browser mode instead/);
    await stopGroup(run, 'SIGINT');
    expectCleanStop(dir, run);
  }, 90_000);

  it('npm run bench -- start: the start-up figure with its baseline and ratio', async () => {
    const run = npm(['run', 'bench', '--', 'start'], { CCA_DATA_DIR: dataDir() });
    groups.push(run.proc);
    const { code } = await run.exited;
    expect(code, run.out()).toBe(0);
    expect(run.out()).toMatch(/## Start-up/);
    expect(run.out()).toMatch(/browser-mode start to ready line.*baseline .*ratio \d+\.\d+×/);
  }, 180_000);
});
