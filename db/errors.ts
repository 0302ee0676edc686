import { AppError } from '../main/errors.js';

export type DbErrorKind = 'constraint' | 'busy' | 'corrupt' | 'io' | 'full' | 'readonly' | 'other';

/** SQLite result codes (better-sqlite3's SqliteError.code) → a kind the app can act on. */
export function dbErrorKind(e: unknown): DbErrorKind {
  const code = typeof e === 'object' && e && 'code' in e ? String((e).code) : '';
  if (code.startsWith('SQLITE_CONSTRAINT')) return 'constraint';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM') return 'readonly';
  if (code.startsWith('SQLITE_IOERR')) return 'io';
  return 'other';
}

const messages: Record<DbErrorKind, [message: string, hint: string]> = {
  constraint: ['The change conflicts with data already saved.', 'Reload and try again; the item may already exist.'],
  busy: ['The database is busy with another operation.', 'Try again in a moment. If it persists, close other copies of the app using the same data folder.'],
  corrupt: ['The database file is damaged.', 'Restore the latest backup from <dataDir>/backups, or move cca.sqlite away to start fresh (your recordings stay in the library).'],
  io: ['The database could not be read or written on disk.', 'Check that the disk is connected and healthy.'],
  full: ['The disk is full: the database could not be written.', 'Free disk space, then retry.'],
  readonly: ['The database cannot be written (read-only file or no permission).', 'Check permissions of the data folder (CCA_DATA_DIR).'],
  other: ['A database operation failed.', 'Try again. If it keeps happening, send the log file to support.'],
};

/** Any error from a DAO → an AppError of category storage with a typed kind (details.dbKind). */
export function mapDbError(e: unknown, operation: string): AppError {
  if (e instanceof AppError) return e;
  const kind = dbErrorKind(e);
  const [message, hint] = messages[kind];
  return new AppError(kind === 'constraint' ? 'invalid_input' : 'storage', message, hint, {
    cause: e,
    details: { dbKind: kind, operation, sqliteCode: (e as { code?: string })?.code },
  });
}
