import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownMigrations } from '../../db/migrate.js';
import { migrationsFolder } from '../../db/migrations-folder.js';
import { openDatabase } from '../../db/open.js';
import { AppError } from '../../main/errors.js';
import { silentLogger } from '../../main/logging/logger.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cca-db-'));
const open = (file: string, folder?: string) =>
  openDatabase({ file, busyTimeoutMs: 1000, readConnections: 1, slowQueryMs: 1000, logger: silentLogger(), migrationsFolder: folder });

/** A copy of the migrations folder holding only the first n migrations: "the app at version n". */
function olderApp(n: number): string {
  const dir = join(tmp(), 'migrations');
  cpSync(migrationsFolder(), dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, n);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

const tables = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type='table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);

describe('database migrations', () => {
  const all = knownMigrations(migrationsFolder());

  it('creates the full schema on a fresh database, with WAL and foreign keys on', async () => {
    const file = join(tmp(), 'cca.sqlite');
    const db = await open(file);
    expect(db.schemaVersion).toBe(all.length);
    expect(db.migration).toMatchObject({ from: 0, to: all.length, backupFile: null });
    expect(tables(db.sqlite)).toEqual(expect.arrayContaining(['recordings', 'app_settings', 'audit_log']));
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(all.length);
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('upgrades a database from the previous version, keeping its data and writing a backup', async () => {
    const dir = tmp();
    const file = join(dir, 'cca.sqlite');
    const old = await open(file, olderApp(all.length - 1));
    expect(old.schemaVersion).toBe(all.length - 1);
    old.sqlite.prepare(`INSERT INTO app_settings (key, value) VALUES ('prices', '{"whisper-1":0.006}')`).run();
    old.close();

    const db = await open(file);
    expect(db.migration).toMatchObject({ from: all.length - 1, to: all.length });
    expect(db.sqlite.prepare(`SELECT value FROM app_settings WHERE key='prices'`).get()).toEqual({ value: '{"whisper-1":0.006}' });
    expect(db.migration.backupFile).toBeTruthy();
    expect(existsSync(db.migration.backupFile!)).toBe(true);
    const backup = new Database(db.migration.backupFile!, { readonly: true });
    expect(backup.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: all.length - 1 });
    backup.close();
    db.close();
  });

  it('is a no-op when already current (no backup, same version)', async () => {
    const dir = tmp();
    const file = join(dir, 'cca.sqlite');
    (await open(file)).close();
    const again = await open(file);
    expect(again.migration).toEqual({ from: all.length, to: all.length, backupFile: null });
    again.close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('refuses a database written by a newer app, leaving it untouched', async () => {
    const file = join(tmp(), 'cca.sqlite');
    (await open(file)).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', Date.now() + 10 ** 9);
    raw.close();
    const before = readFileSync(file);

    const err = await open(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).category).toBe('storage');
    expect((err as AppError).message).toMatch(/newer version of Call Center QA \(database schema \d+; this app knows up to \d+\)/);
    expect((err as AppError).hint).toMatch(/was not changed/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a failing migration leaves the database at its old version and says so', async () => {
    const dir = tmp();
    const file = join(dir, 'cca.sqlite');
    (await open(file, olderApp(all.length - 1))).close();
    const broken = olderApp(all.length);
    const last = all[all.length - 1]!;
    writeFileSync(join(broken, `${last.tag}.sql`), 'CREATE TABLE broken (id INTEGER);\n--> statement-breakpoint\nTHIS IS NOT SQL;');

    const err = (await open(file, broken).catch((e: unknown) => e)) as AppError;
    expect(err.category).toBe('storage');
    expect(err.message).toMatch(new RegExp(`left unchanged at schema ${all.length - 1}`));
    const raw = new Database(file, { readonly: true });
    expect(tables(raw)).not.toContain('broken');
    expect(raw.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: all.length - 1 });
    raw.close();
    expect(readdirSync(join(dir, 'backups')).length).toBe(1);
  });
});
