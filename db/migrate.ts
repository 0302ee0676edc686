import type BetterSqlite3 from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../main/errors.js';

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

export interface MigrationResult {
  from: number;
  to: number;
  backupFile: string | null;
}

/** Schema version = number of migrations applied (also mirrored in PRAGMA user_version). */
export function appliedMigrations(sqlite: BetterSqlite3.Database): { count: number; lastWhen: number } {
  const table = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'`).get();
  if (!table) return { count: 0, lastWhen: 0 };
  const row = sqlite.prepare('SELECT COUNT(*) AS count, COALESCE(MAX(created_at), 0) AS lastWhen FROM __drizzle_migrations').get() as {
    count: number;
    lastWhen: number;
  };
  return { count: row.count, lastWhen: Number(row.lastWhen) };
}

export function knownMigrations(folder: string): Journal['entries'] {
  return (JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as Journal).entries;
}

/**
 * Bring the database to this app's schema before anything else touches it.
 * - A database written by a newer app is refused (never "downgraded", never dropped).
 * - Before changing an existing database, a backup copy is written to backupDir.
 * - All pending migrations run in one transaction (drizzle's migrator): if one fails, nothing changes
 *   and the error says so.
 */
export async function migrateDatabase(
  sqlite: BetterSqlite3.Database,
  folder: string,
  backupDir: string,
): Promise<MigrationResult> {
  const known = knownMigrations(folder);
  const latestWhen = Math.max(0, ...known.map((e) => e.when));
  const before = appliedMigrations(sqlite);
  if (before.count > known.length || before.lastWhen > latestWhen) {
    throw new AppError(
      'storage',
      `This data folder was written by a newer version of Call Center QA (database schema ${before.count}; this app knows up to ${known.length}).`,
      'Install the newer version of the app, or point CCA_DATA_DIR at another folder. The data was not changed.',
      { details: { dbSchema: before.count, appSchema: known.length } },
    );
  }
  if (before.count === known.length) return { from: before.count, to: before.count, backupFile: null };

  let backupFile: string | null = null;
  if (before.count > 0) {
    mkdirSync(backupDir, { recursive: true });
    backupFile = join(backupDir, `cca-schema${before.count}-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`);
    await sqlite.backup(backupFile);
  }
  try {
    migrate(drizzle({ client: sqlite }), { migrationsFolder: folder });
  } catch (e) {
    throw new AppError(
      'storage',
      `Updating the database to schema ${known.length} failed; it was left unchanged at schema ${before.count}. (${(e as Error).message})`,
      `Nothing was lost. Send the log file to support${backupFile ? `; a backup is at ${backupFile}` : ''}.`,
      { cause: e },
    );
  }
  const after = appliedMigrations(sqlite).count;
  sqlite.pragma(`user_version = ${after}`);
  return { from: before.count, to: after, backupFile };
}
