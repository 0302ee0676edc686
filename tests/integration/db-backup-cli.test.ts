import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../../db/open.js';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { freePort } from '../helpers/redis-server.js';
import { seedCalls } from '../helpers/seed-calls.js';
import { startServedApp } from '../helpers/serve-process.js';

/**
 * `npm run db -- backup` / `restore` (the built CLI): an online backup taken while another connection
 * holds unflushed writes in the WAL (a file copy of cca.sqlite would miss them), restored into an empty
 * data folder and over an existing one (kept aside); bad archives change nothing; a running server
 * stops a restore.
 */
const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'cca-backup-'));
const dirs = { source: join(root, 'source'), empty: join(root, 'empty'), existing: join(root, 'existing') };
const archive = join(root, 'backup.tar');
const library = { 'ab/abcdef.wav': Buffer.from('RIFF-one'), 'cd/cdef01.mp3': Buffer.from('ID3-two'), 'ef/ef0123.wav': Buffer.alloc(300_000, 7) };
let writer: AppDatabase;
/** The port a server of these data folders listens on (restore asks it whether one runs). */
let port: number;

const cli = (dataDir: string, args: string[], shell?: string) =>
  (shell
    ? run('sh', ['-c', shell], { env: { ...process.env, CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test', CCA_PORT: String(port) }, timeout: 60_000, encoding: 'utf8' })
    : run(process.execPath, ['dist/cli/db.mjs', ...args], { env: { ...process.env, CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test', CCA_PORT: String(port) }, timeout: 60_000 })
  ).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
const open = (dataDir: string) => openDatabase({ file: join(dataDir, 'cca.sqlite'), busyTimeoutMs: 5000, readConnections: 0, slowQueryMs: 10_000, logger: pino({ level: 'silent' }) });
const count = (db: AppDatabase, sql: string) => (db.sqlite.prepare(sql).get() as { n: number }).n;

beforeAll(async () => {
  ensureBuilt();
  port = await freePort();
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  writer = await open(dirs.source);
  seedCalls(writer, { count: 200, seed: 3, unanalyzedEvery: 0 });
  // Writes a checkpoint has not moved into cca.sqlite yet: they live only in the WAL.
  writer.sqlite.pragma('wal_autocheckpoint = 0');
  seedCalls(writer, { count: 50, seed: 4, unanalyzedEvery: 0 });
  for (const [rel, bytes] of Object.entries(library)) {
    mkdirSync(join(dirs.source, 'library', rel.split('/')[0]!), { recursive: true });
    writeFileSync(join(dirs.source, 'library', rel), bytes);
  }
  writeFileSync(join(dirs.source, 'config.json'), '{"monthlyBudgetUsd": 25}\n');
  writeFileSync(join(dirs.source, 'api-token'), 'never-in-a-backup\n');
});
afterAll(() => {
  writer?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('npm run db -- backup / restore', () => {
  it('backs up a data folder in use: the database as of now (WAL included), settings and the library', async () => {
    expect(readdirSync(dirs.source)).toContain('cca.sqlite-wal');
    const r = await cli(dirs.source, ['backup', '--out', archive]);
    expect(r.stderr).toMatch(new RegExp(`^Backup written to ${archive.replace(/[.]/g, '\\.')}: database [\\d.]+ MiB \\(schema \\d+\\), 3 library files \\(0\\.3 MiB\\), in [\\d.]+ s\\.\\n$`));
    expect(r.code).toBe(0);
    // Never overwrites a file; a failed backup leaves no file behind.
    const again = await cli(dirs.source, ['backup', '--out', archive]);
    expect([again.code, again.stderr]).toEqual([1, `${archive} already exists.\nGive a new file name (a backup never overwrites one).\n`]);
    const nothing = await cli(join(root, 'no-such-data'), ['backup', '--out', join(root, 'never.tar')]);
    expect(nothing.stderr).toMatch(/^There is no database at .*no-such-data\/cca\.sqlite: nothing to back up\./);
    expect(existsSync(join(root, 'never.tar'))).toBe(false);
  });

  it('restores into an empty data folder: same calls, same audio, same settings, no launch token', async () => {
    const r = await cli(dirs.empty, [], `node dist/cli/db.mjs restore < ${archive}`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Restored the backup of \S+ \(version [\d.]+, schema \d+\): the database and 3 library files\.\nThe data folder had no data before\./);
    const db = await open(dirs.empty);
    try {
      expect(count(db, 'SELECT COUNT(*) AS n FROM recordings')).toBe(250);
      expect(count(db, 'SELECT COUNT(*) AS n FROM call_summary')).toBe(count(writer, 'SELECT COUNT(*) AS n FROM call_summary'));
    } finally {
      db.close();
    }
    for (const [rel, bytes] of Object.entries(library)) expect(readFileSync(join(dirs.empty, 'library', rel)).equals(bytes)).toBe(true);
    expect(readFileSync(join(dirs.empty, 'config.json'), 'utf8')).toContain('"monthlyBudgetUsd": 25');
    expect(existsSync(join(dirs.empty, 'api-token'))).toBe(false);
  });

  it('written to stdout it is the same archive (docker compose exec -T api cca db backup > file)', async () => {
    const piped = join(root, 'piped.tar');
    const r = await cli(dirs.source, [], `node dist/cli/db.mjs backup > ${piped}`);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Backup written to stdout: /);
    expect(readFileSync(piped).subarray(0, 13).toString()).toBe('manifest.json');
  });

  it('restores over existing data, keeping what it replaced aside', async () => {
    const other = await open(dirs.existing);
    seedCalls(other, { count: 7, seed: 9, unanalyzedEvery: 0 });
    other.close();
    const r = await cli(dirs.existing, ['restore', '--from', archive]);
    expect(r.code).toBe(0);
    const kept = /The data it replaced is kept in (\S+) /.exec(r.stdout)?.[1];
    expect(kept).toBeTruthy();
    const old = await openDatabase({ file: join(kept!, 'cca.sqlite'), busyTimeoutMs: 5000, readConnections: 0, slowQueryMs: 10_000, logger: pino({ level: 'silent' }) });
    try {
      expect(count(old, 'SELECT COUNT(*) AS n FROM recordings')).toBe(7);
    } finally {
      old.close();
    }
    const db = await open(dirs.existing);
    expect(count(db, 'SELECT COUNT(*) AS n FROM recordings')).toBe(250);
    db.close();
  });

  it('refuses a bad archive with a reason and changes nothing', async () => {
    const before = readFileSync(join(dirs.empty, 'cca.sqlite'));
    const notOurs = join(root, 'not-ours.tar');
    const tar = pack();
    tar.entry({ name: 'etc/passwd' }, 'root:x:0:0');
    tar.finalize();
    const chunks: Buffer[] = [];
    for await (const c of tar) chunks.push(c as Buffer);
    writeFileSync(notOurs, Buffer.concat(chunks));
    const truncated = join(root, 'truncated.tar');
    writeFileSync(truncated, readFileSync(archive).subarray(0, 4096));
    const a = await cli(dirs.empty, ['restore', '--from', notOurs]);
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/^This backup cannot be restored: it does not start with manifest\.json \(found "etc\/passwd"\): it was not made by `db backup`\. Nothing was changed\.\n/);
    const b = await cli(dirs.empty, ['restore', '--from', truncated]);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/^This backup cannot be restored: .*Nothing was changed\./);
    const c = await cli(dirs.empty, ['restore', '--from', join(root, 'missing.tar')]);
    expect(c.stderr).toMatch(/^There is no file .*missing\.tar\./);
    expect(readFileSync(join(dirs.empty, 'cca.sqlite')).equals(before)).toBe(true);
    expect(readdirSync(dirs.empty).filter((n) => n.startsWith('.restoring') || n.startsWith('replaced-'))).toEqual([]);
  });

  it('will not restore under a running server', async () => {
    const app = await startServedApp({ dataDir: dirs.empty, env: { CCA_PORT: String(port) } });
    try {
      const r = await cli(dirs.empty, ['restore', '--from', archive]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`A server is running on ${dirs.empty} (it answers on port ${port}).`);
    } finally {
      await app.stop();
    }
  });
});
