import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkImportPaths, exportDestination, realPathOf, type ServerFileFolders } from '../../../main/auth/server-files.js';
import { LoginLimiter } from '../../../main/auth/login-limiter.js';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'cca-sf-')));
const data = join(base, 'data');
const exportsInData = join(data, 'exports');
const roots = join(base, 'roots');
for (const d of [data, exportsInData, roots, join(base, 'out')]) mkdirSync(d, { recursive: true });
symlinkSync(join(base, 'out'), join(roots, 'link'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const owner = { role: 'admin' as const, userId: null };
const account = { role: 'admin' as const, userId: 7 };
const folders: ServerFileFolders = { importRoots: [roots], exportDir: exportsInData, appDirs: [data, join(data, 'library')] };

describe('server files', () => {
  it('resolves a path that does not exist yet through the links of the part that does', async () => {
    expect(await realPathOf(join(roots, 'link', 'new', 'file.csv'))).toBe(join(base, 'out', 'new', 'file.csv'));
    expect(await realPathOf(`${roots}/../data/./x`)).toBe(join(data, 'x'));
  });

  it('lets an account export inside an exports folder that lives in the data folder, and nowhere else in it', async () => {
    expect(await exportDestination(account, folders, 'calls.csv')).toBe(join(exportsInData, 'calls.csv'));
    await expect(exportDestination(account, folders, '../cca.sqlite')).rejects.toMatchObject({ category: 'forbidden' });
    await expect(exportDestination(owner, folders, join(data, 'cca.sqlite'))).rejects.toMatchObject({ details: { reason: 'app_files' } });
    expect(await exportDestination(owner, folders, join(exportsInData, 'owner.csv'))).toBe(join(exportsInData, 'owner.csv'));
    // An exports folder that holds the data folder protects nothing: refused as app files.
    await expect(exportDestination(account, { ...folders, exportDir: base }, join(data, 'cca.sqlite'))).rejects.toMatchObject({ details: { reason: 'app_files' } });
  });

  it('gives the owner every path and an account only its roots, judged after links', async () => {
    expect(await checkImportPaths(owner, folders, ['/etc'])).toBeNull();
    await expect(checkImportPaths(account, folders, [join(roots, 'link')])).rejects.toMatchObject({ details: { reason: 'outside_import_roots' } });
    const within = await checkImportPaths(account, folders, [roots]);
    expect(await within!(join(roots, 'a.wav'))).toBe(true);
    expect(await within!(join(base, 'out', 'a.wav'))).toBe(false);
    await expect(checkImportPaths(account, { ...folders, importRoots: [] }, [roots])).rejects.toMatchObject({ details: { reason: 'no_import_roots' } });
  });
});

describe('sign-in limiter', () => {
  it('counts an attempt when it is admitted, so a burst gets exactly five, and a success gives its attempt back', () => {
    let t = 1_000_000;
    const limiter = new LoginLimiter(() => t);
    const admitted = Array.from({ length: 60 }, () => limiter.admit('Dana', '10.0.0.1'));
    expect(admitted.filter((a) => a.waitMs === 0)).toHaveLength(5);
    expect(admitted.filter((a) => a.locks)).toHaveLength(1);
    expect(admitted[4]).toEqual({ waitMs: 0, locks: true });
    expect(limiter.admit('dana', '10.9.9.9').waitMs).toBe(30_000);
    t += 31_000;
    // Four failures from one address, then a success from it: the address keeps four, not five.
    const other = new LoginLimiter(() => t);
    for (let i = 0; i < 4; i++) other.admit(`user${i}`, '10.0.0.2');
    expect(other.admit('rita', '10.0.0.2')).toEqual({ waitMs: 0, locks: true });
    other.succeeded('rita', '10.0.0.2');
    expect(other.retryAfterMs('someone', '10.0.0.2')).toBe(0);
  });
});
