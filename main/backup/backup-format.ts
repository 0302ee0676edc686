/**
 * What `db backup` writes and `db restore` reads: one tar stream. Its first entry is the manifest; then
 * the database (an online-backup snapshot, consistent even while the server writes), the editable
 * settings and stored keys when there are any, and the library's audio files under `library/`.
 * The launch token, logs and SQLite's -wal/-shm files are never in it (a new launch makes its own).
 */
export const BACKUP_FORMAT = 'cca-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const DB_ENTRY = 'cca.sqlite';
/** Data-folder files copied as they are (when present). */
export const PLAIN_FILES = ['config.json', 'secrets.json'] as const;
export const LIBRARY_PREFIX = 'library/';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  appVersion: string;
  /** Migrations applied to the database in it (a newer build may restore it and migrate on start). */
  schemaVersion: number;
  createdAt: string;
}

/** A tar entry name restore may write: the known files, or a relative path under library/ with no way out. */
export function isAllowedEntry(name: string): boolean {
  if (name === MANIFEST || name === DB_ENTRY || (PLAIN_FILES as readonly string[]).includes(name)) return true;
  if (!name.startsWith(LIBRARY_PREFIX) || name.length === LIBRARY_PREFIX.length) return false;
  const parts = name.slice(LIBRARY_PREFIX.length).split('/');
  return parts.every((p) => p !== '' && p !== '.' && p !== '..' && !p.includes('\\') && !p.includes('\0'));
}
