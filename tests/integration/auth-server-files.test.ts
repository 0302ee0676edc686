import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUsersServer, type UsersServer } from '../helpers/users-server.js';
import { toneWav } from '../helpers/wav.js';

/**
 * Issue 30 items 1–2: an account — reviewer, lead, even admin — reaches server files only inside
 * the folders an administrator configured: CCA_IMPORT_ROOTS to import from, CCA_EXPORT_DIR to save
 * exports in; `..`, symlinks out of a folder and the data folder itself are refused, before anything
 * is opened or written. The launch token (the machine's owner) keeps the desktop's reach, but never
 * over the app's own files.
 */
const base = mkdtempSync(join(tmpdir(), 'cca-files-'));
const root = join(base, 'recordings');
const outside = join(base, 'elsewhere');
const exportDir = join(base, 'exports');
const roles = ['reviewer', 'lead', 'admin'] as const;
let s: UsersServer;
let dataDir: string;

beforeAll(async () => {
  for (const d of [root, outside, exportDir]) mkdirSync(d, { recursive: true });
  writeFileSync(join(root, '2024-05-02_dana_c1.wav'), toneWav({ channels: 1, seconds: 2, seed: 1 }));
  writeFileSync(join(outside, 'secret-call.wav'), toneWav({ channels: 1, seconds: 2, seed: 2 }));
  writeFileSync(join(outside, 'calls.csv'), 'file,customer\nsecret-call.wav,Hidden Person\n');
  symlinkSync(join(outside, 'secret-call.wav'), join(root, 'linked-call.wav'));
  mkdirSync(join(root, 'nested'));
  symlinkSync(outside, join(root, 'nested', 'linked-folder'));
  s = await startUsersServer({ env: { CCA_IMPORT_ROOTS: root, CCA_EXPORT_DIR: exportDir } });
  dataDir = s.core.config.paths.dataDir;
  symlinkSync(dataDir, join(exportDir, 'data-link'));
}, 60_000);
afterAll(async () => {
  await s?.close();
  rmSync(base, { recursive: true, force: true });
});

const post = (who: string | null, path: string, body: unknown) =>
  fetch(`${s.origin}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${who === null ? s.server.token : s.tokens[who]}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
const answer = async (res: Response) => ({ status: res.status, body: (await res.json()) as { ok: boolean; value?: { results: { fileName: string; ok: boolean; error?: { message: string } }[] }; error?: { category: string; message: string } } });
const recordings = async () => ((await (await fetch(`${s.origin}/api/v1/recordings?limit=100`, { headers: { Authorization: `Bearer ${s.server.token}` } })).json()) as { value: { total: number } }).value.total;

describe('importing by path as an account', () => {
  it('refuses every path outside the import roots, before opening anything, for every role', async () => {
    const before = await recordings();
    const refused = [
      { paths: ['/etc'] },
      { paths: [join(outside, 'secret-call.wav')] },
      { paths: [`${root}/../elsewhere/secret-call.wav`] },
      { paths: [join(root, 'linked-call.wav')] },
      { paths: [join(root, 'nested', 'linked-folder')] },
      { paths: [dataDir] },
      { paths: [join(dataDir, 'cca.sqlite')] },
      { paths: ['relative/file.wav'] },
      { paths: [join(root, '2024-05-02_dana_c1.wav')], sidecarPath: '/etc/shadow' },
      { paths: [join(root, '2024-05-02_dana_c1.wav')], sidecarPath: join(outside, 'calls.csv') },
    ];
    for (const who of roles) {
      for (const input of refused) {
        const { status, body } = await answer(await post(who, '/api/v1/recordings/import', input));
        expect(status, `${who} ${JSON.stringify(input)}`).toBe(403);
        expect(body.error!.category).toBe('forbidden');
        expect(body.error!.message).toMatch(/outside the folders this server imports from/);
        // Nothing about the server's files comes back beyond the caller's own words: no listing, no
        // "exists" or "missing", no file found inside a folder.
        const echoed = [...input.paths, input.sidecarPath ?? ''].reduce((text, p) => text.split(JSON.stringify(p).slice(1, -1)).join(''), JSON.stringify(body));
        expect(echoed).not.toMatch(/passwd|shadow|hosts|Nothing exists|secret-call|calls\.csv/);
      }
    }
    expect(await recordings()).toBe(before);
  });

  it('imports from inside a root, and a link inside it that leads out is refused by name', async () => {
    const { status, body } = await answer(await post('reviewer', '/api/v1/recordings/import', { paths: [root] }));
    expect(status).toBe(200);
    const results = body.value!.results;
    expect(results.find((r) => r.fileName === '2024-05-02_dana_c1.wav')).toMatchObject({ ok: true });
    const linked = results.filter((r) => !r.ok);
    expect(linked.map((r) => r.fileName).sort()).toEqual(['linked-call.wav', 'linked-folder']);
    for (const r of linked) expect(r.error!.message).toMatch(/outside the folders this server imports from/);
    expect(results.some((r) => r.fileName === 'secret-call.wav')).toBe(false);
  });

  it('leaves the launch token (the machine owner) its reach', async () => {
    const { status, body } = await answer(await post(null, '/api/v1/recordings/import', { paths: [join(outside, 'secret-call.wav')] }));
    expect(status).toBe(200);
    expect(body.value!.results[0]).toMatchObject({ fileName: 'secret-call.wav', ok: true });
  });
});

describe('saving an export on the server as an account', () => {
  const csv = '/api/v1/exports/calls.csv';
  it('writes inside CCA_EXPORT_DIR only: a name, or an absolute path inside it', async () => {
    for (const who of roles) {
      const res = await post(who, '/api/v1/exports/write', { path: csv, destination: `${who}-calls.csv` });
      expect(res.status, who).toBe(200);
      const value = ((await res.json()) as { value: { destination: string; bytes: number } }).value;
      expect(value.destination).toBe(join(exportDir, `${who}-calls.csv`));
      expect(readFileSync(value.destination, 'utf8')).toMatch(/^\uFEFF?[^\n]*file/i);
    }
    expect((await post('reviewer', '/api/v1/exports/write', { path: csv, destination: join(exportDir, 'sub', 'abs.csv') })).status).toBe(200);
    expect(existsSync(join(exportDir, 'sub', 'abs.csv'))).toBe(true);
  });

  it('refuses `..`, links out of the folder, the data folder, the database and any other path', async () => {
    const dbBefore = statSync(join(dataDir, 'cca.sqlite'));
    const refused = [
      join(dataDir, 'cca.sqlite'),
      '../escape.csv',
      `${exportDir}/../escape.csv`,
      join(exportDir, 'data-link', 'cca.sqlite'),
      join(exportDir, 'data-link', 'x.csv'),
      '/root/.ssh/authorized_keys',
      join(base, 'authorized_keys'),
      exportDir,
    ];
    for (const who of roles) {
      for (const destination of refused) {
        const { status, body } = await answer(await post(who, '/api/v1/exports/write', { path: csv, destination }));
        expect(status, `${who} → ${destination}`).toBe(403);
        expect(body.error!.category).toBe('forbidden');
      }
    }
    expect(existsSync(join(base, 'escape.csv'))).toBe(false);
    expect(existsSync(join(base, 'authorized_keys'))).toBe(false);
    expect(existsSync('/root/.ssh/authorized_keys') && readFileSync('/root/.ssh/authorized_keys', 'utf8').includes('Hidden Person')).toBe(false);
    const dbAfter = statSync(join(dataDir, 'cca.sqlite'));
    expect(dbAfter.ino).toBe(dbBefore.ino);
    // Still a working database: the server answers from it.
    expect(await recordings()).toBeGreaterThan(0);
  });

  it('lets the owner save anywhere but over the app\'s own files', async () => {
    const target = join(base, 'owner-export.csv');
    expect((await post(null, '/api/v1/exports/write', { path: csv, destination: target })).status).toBe(200);
    expect(existsSync(target)).toBe(true);
    const { status, body } = await answer(await post(null, '/api/v1/exports/write', { path: csv, destination: join(dataDir, 'cca.sqlite') }));
    expect(status).toBe(403);
    expect(body.error!.message).toMatch(/app's own data folder/);
  });
});

describe('a server with no folders configured', () => {
  it('refuses path import and export writes to accounts, and says what to do instead', async () => {
    const bare = await startUsersServer();
    try {
      const imp = await answer(await fetch(`${bare.origin}/api/v1/recordings/import`, { method: 'POST', headers: { Authorization: `Bearer ${bare.tokens.admin}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ paths: [root] }) }));
      expect(imp.status).toBe(403);
      expect(imp.body.error!.message).toMatch(/off for accounts/);
      const exp = await answer(await fetch(`${bare.origin}/api/v1/exports/write`, { method: 'POST', headers: { Authorization: `Bearer ${bare.tokens.admin}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ path: '/api/v1/exports/calls.csv', destination: 'x.csv' }) }));
      expect(exp.status).toBe(403);
      expect(exp.body.error!.message).toMatch(/off/);
    } finally {
      await bare.close();
    }
  });
});
