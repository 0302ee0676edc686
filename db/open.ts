import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { mapDbError } from './errors.js';
import { migrateDatabase, type MigrationResult } from './migrate.js';
import { migrationsFolder } from './migrations-folder.js';

export interface DbOptions {
  file: string;
  busyTimeoutMs: number;
  readConnections: number;
  slowQueryMs: number;
  logger: Logger;
  /** Told the duration of every timed operation (the core feeds cca_db_query_duration_seconds). */
  onTimed?: (operation: string, seconds: number) => void;
  /** Override for tests that migrate to an older schema. */
  migrationsFolder?: string;
}

/**
 * A connection that can only read, in the types as well as in SQLite (as Signal Desktop brands its
 * connections): its statements have no `run`, and it has no `exec` or `transaction`, so a write
 * through a reader does not compile. The writer (`AppDatabase.sqlite`) is also a reader.
 */
export type ReadStatement<Result = unknown> = Omit<Database.Statement<unknown[], Result>, 'run'>;
export interface ReaderConnection {
  prepare<Result = unknown>(sql: string): ReadStatement<Result>;
  readonly open: boolean;
}
/** A reader of its own, for a streamed export that holds an iterator open across event-loop turns. */
export interface CursorConnection extends ReaderConnection {
  close(): void;
}

export interface AppDatabase {
  /** The single writer connection (better-sqlite3 is synchronous: one writer per process). */
  sqlite: Database.Database;
  /** A read-only connection for list/search/report queries (round-robin), or the writer if none. */
  reader(): ReaderConnection;
  /**
   * A new read-only connection, configured like the shared readers (busy timeout from
   * CCA_DB_BUSY_TIMEOUT_MS), for one streamed export: better-sqlite3 refuses other statements on a
   * connection while an iterator is open, so a slow download must not hold a shared reader. WAL gives
   * it a stable snapshot. The caller closes it.
   */
  cursorConnection(): CursorConnection;
  migration: MigrationResult;
  schemaVersion: number;
  /** Run fn, log it when slower than slowQueryMs, and map failures to typed storage errors. */
  timed<T>(operation: string, fn: () => T): T;
  close(): void;
}

function applyPragmas(db: Database.Database, busyTimeoutMs: number): void {
  // WAL: readers never block the writer and vice versa (the UI reads while the queue writes).
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across app crashes in WAL mode; only an OS crash/power loss can lose the last
  // transactions, never corrupt the file. FULL would fsync every commit and slow imports of 1,000 files.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
}

/** Open (creating if needed) and migrate the database. Migration runs before anything can use it. */
export async function openDatabase(opts: DbOptions): Promise<AppDatabase> {
  mkdirSync(dirname(opts.file), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(opts.file);
    applyPragmas(sqlite, opts.busyTimeoutMs);
  } catch (e) {
    throw mapDbError(e, 'open');
  }
  let migration: MigrationResult;
  try {
    migration = await migrateDatabase(sqlite, opts.migrationsFolder ?? migrationsFolder(), join(dirname(opts.file), 'backups'));
  } catch (e) {
    sqlite.close();
    throw mapDbError(e, 'migrate');
  }
  if (migration.from !== migration.to) {
    opts.logger.info({ from: migration.from, to: migration.to, backupFile: migration.backupFile }, 'database migrated');
  }

  const openReader = () => {
    const r = new Database(opts.file, { readonly: true, fileMustExist: true });
    r.pragma(`busy_timeout = ${opts.busyTimeoutMs}`);
    return r;
  };
  const readers = Array.from({ length: opts.readConnections }, openReader);
  let next = 0;

  return {
    sqlite,
    reader: () => (readers.length ? readers[next++ % readers.length]! : sqlite),
    cursorConnection: () => {
      try {
        return openReader();
      } catch (e) {
        throw mapDbError(e, 'cursor');
      }
    },
    migration,
    schemaVersion: migration.to,
    timed<T>(operation: string, fn: () => T): T {
      const t0 = performance.now();
      try {
        return fn();
      } catch (e) {
        const err = mapDbError(e, operation);
        opts.logger.error({ err: e, operation, dbKind: err.details.dbKind }, 'database operation failed');
        throw err;
      } finally {
        const ms = performance.now() - t0;
        opts.onTimed?.(operation, ms / 1000);
        if (ms > opts.slowQueryMs) opts.logger.warn({ operation, ms: Math.round(ms) }, 'slow database operation');
      }
    },
    close() {
      for (const r of readers) r.close();
      if (sqlite.open) {
        sqlite.pragma('optimize');
        sqlite.close();
      }
    },
  };
}
