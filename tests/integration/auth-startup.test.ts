import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/serve-process.js';

/**
 * Issue 14, as an operator types it: `npm run serve` refuses to listen beyond this computer without
 * accounts, encryption and a public URL (exit 78, naming the setting to set), and `npm run users`
 * adds the first admin (password on stdin or generated), lists, changes roles, disables and prints a
 * personal token as its last line — which then works against the server it manages.
 */
const dirs: string[] = [];
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'cca-auth-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function serve(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const proc = spawn('npm', ['run', 'serve'], { cwd: repoRoot, env: { ...process.env, CCA_PORT: '0', CCA_DATA_DIR: dataDir(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => proc.once('exit', (c) => r(c)));
  return { code, out };
}

/** `npm run users -- …` with `input` on stdin. */
function users(dir: string, args: string[], input?: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const proc = spawn('npm', ['run', '--silent', 'users', '--', ...args], { cwd: repoRoot, env: { ...process.env, CCA_DATA_DIR: dir } });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    proc.once('exit', (code) => resolve({ code: code ?? -1, out }));
    if (input !== undefined) proc.stdin.end(input);
    else proc.stdin.end();
  });
}

describe('npm run serve beyond this computer', () => {
  it('stops with exit 78 and names the setting to set', async () => {
    const noUsers = await serve({ CCA_HOST: '0.0.0.0' });
    expect(noUsers.code).toBe(78);
    expect(noUsers.out).toContain('Invalid setting CCA_AUTH (auth)');
    expect(noUsers.out).toContain('set CCA_AUTH=users');
    const noTls = await serve({ CCA_HOST: '0.0.0.0', CCA_AUTH: 'users' });
    expect(noTls.code).toBe(78);
    expect(noTls.out).toContain('CCA_TLS_CERT');
    expect(noTls.out).toContain('CCA_TRUST_PROXY=true');
    const noUrl = await serve({ CCA_HOST: '0.0.0.0', CCA_AUTH: 'users', CCA_TRUST_PROXY: 'true' });
    expect(noUrl.code).toBe(78);
    expect(noUrl.out).toContain('set CCA_PUBLIC_URL');
    const halfTls = await serve({ CCA_TLS_CERT: '/etc/cert.pem' });
    expect(halfTls.code).toBe(78);
    expect(halfTls.out).toContain('CCA_TLS_KEY');
  }, 120_000);
});

describe('npm run users', () => {
  it('adds, lists, changes and disables accounts and prints a token once, as the last line', async () => {
    // A data folder that does not exist yet: the first `npm run users` makes it.
    const dir = join(dataDir(), 'new-data');
    const admin = await users(dir, ['add', 'alice', '--role', 'admin'], 'correct horse battery staple\n');
    expect(admin.code, admin.out).toBe(0);
    expect(admin.out).toContain('Added alice (admin).');
    expect(admin.out).not.toContain('correct horse');
    const agent = await users(dir, ['add', 'dana', '--role', 'agent', '--agent', 'Dana Ruiz']);
    expect(agent.code, agent.out).toBe(0);
    const generated = agent.out.trim().split('\n').at(-1)!;
    expect(generated).toMatch(/^[\w-]{20}$/);
    const weak = await users(dir, ['add', 'bob', '--role', 'reviewer'], 'password\n');
    expect(weak.code).toBe(1);
    expect(weak.out).toContain('too short');
    const common = await users(dir, ['add', 'bob', '--role', 'reviewer'], '1qaz2wsx3edc\n');
    expect(common.code).toBe(1);
    expect(common.out).toContain('one of the 10,000 most common passwords');
    const weakLong = await users(dir, ['add', 'bob', '--role', 'reviewer'], 'passwordpassword\n');
    expect(weakLong.code).toBe(1);
    expect(weakLong.out).toContain('too easy to guess');
    // One username rule for the CLI and the API.
    for (const name of ['ålice', 'alice ', 'x']) {
      const refused = await users(dir, ['add', name, '--role', 'reviewer'], 'violet kettle under seven bridges\n');
      expect(refused.code, name).toBe(1);
      expect(refused.out, name).toContain('is not a valid username');
    }
    // A new data folder is private from the first command on: it holds password hashes.
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of readdirSync(dir)) if (statSync(join(dir, f)).isFile()) expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600);
    const noAgent = await users(dir, ['add', 'eve', '--role', 'agent']);
    expect(noAgent.code).toBe(1);
    expect(noAgent.out).toContain('needs an agent name');
    expect((await users(dir, ['set-role', 'dana', 'reviewer'])).out).toContain('dana is now reviewer');
    expect((await users(dir, ['disable', 'alice'])).out).toContain('last active admin');
    const list = await users(dir, ['list']);
    expect(list.out).toMatch(/alice\tadmin\t-\tactive/);
    expect(list.out).toMatch(/dana\treviewer\tDana Ruiz\tactive/);
    const token = await users(dir, ['token', 'dana', '--name', 'nightly']);
    expect(token.code, token.out).toBe(0);
    const secret = token.out.trim().split('\n').at(-1)!;
    expect(secret).toMatch(/^cca_pat_[\w-]{43}$/);
    const bad = await users(dir, ['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('Usage: npm run users');

    // The token works against a users-mode server on that data folder, with the role it was given.
    const server = spawn(process.execPath, [join(repoRoot, 'dist/server/serve.mjs')], { env: { ...process.env, CCA_DATA_DIR: dir, CCA_AUTH: 'users', CCA_PORT: '0' } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        server.once('exit', () => reject(new Error(out)));
      });
      const me = await fetch(`${url}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${secret}` } });
      expect(((await me.json()) as { value: unknown }).value).toMatchObject({ username: 'dana', role: 'reviewer', agentName: 'Dana Ruiz' });
      const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'ALICE', password: 'correct horse battery staple' }) });
      expect(login.status).toBe(200);
    } finally {
      server.kill('SIGTERM');
    }
  }, 180_000);
});

