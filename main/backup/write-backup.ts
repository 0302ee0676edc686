import Database from 'better-sqlite3';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pack, type Pack } from 'tar-stream';
import { appliedMigrations } from '../../db/migrate.js';
import { AppError } from '../errors.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, DB_ENTRY, LIBRARY_PREFIX, MANIFEST, PLAIN_FILES, type BackupManifest } from './backup-format.js';

export interface BackupSources {
  dataDir: string;
  dbFile: string;
  libraryDir: string;
  appVersion: string;
}

export interface BackupSummary {
  schemaVersion: number;
  databaseBytes: number;
  libraryFiles: number;
  libraryBytes: number;
  /** Library files that went away while the backup ran (deleted by the server): not in the backup. */
  skipped: number;
}

/** Every regular file under `dir` (paths relative to it, '/'-separated), sorted for a stable archive. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
  }
  return out.sort();
}

function addFile(tar: Pack, name: string, file: string, size: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const entry = tar.entry({ name, size, mode: 0o600, mtime: new Date() }, (e) => (e ? reject(e) : resolve()));
    createReadStream(file).on('error', reject).pipe(entry);
  });
}

/**
 * Write a backup of a data folder to `out` while its server keeps running. The database is copied with
 * SQLite's online backup API (a consistent snapshot, never a half-written file copy); library files are
 * read after it, so every recording the snapshot knows has its audio in the backup (a file deleted in
 * between is counted as skipped; one imported in between is harmless extra).
 */
export async function writeBackup(src: BackupSources, out: Writable): Promise<BackupSummary> {
  if (!existsSync(src.dbFile)) throw new AppError('not_found', `There is no database at ${src.dbFile}: nothing to back up.`, "Set CCA_DATA_DIR to the server's data folder (in the image it is /data).");
  const work = mkdtempSync(join(tmpdir(), 'cca-backup-'));
  try {
    const snapshot = join(work, DB_ENTRY);
    const live = new Database(src.dbFile, { readonly: true, fileMustExist: true });
    let schemaVersion: number;
    try {
      live.pragma('busy_timeout = 10000');
      schemaVersion = appliedMigrations(live).count;
      await live.backup(snapshot);
    } finally {
      live.close();
    }
    const manifest: BackupManifest = { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, appVersion: src.appVersion, schemaVersion, createdAt: new Date().toISOString() };
    const tar = pack();
    const written = pipeline(tar, out);
    const summary: BackupSummary = { schemaVersion, databaseBytes: statSync(snapshot).size, libraryFiles: 0, libraryBytes: 0, skipped: 0 };
    try {
      tar.entry({ name: MANIFEST, mode: 0o600 }, `${JSON.stringify(manifest, null, 2)}\n`);
      await addFile(tar, DB_ENTRY, snapshot, summary.databaseBytes);
      for (const name of PLAIN_FILES) {
        const file = join(src.dataDir, name);
        if (existsSync(file)) await addFile(tar, name, file, statSync(file).size);
      }
      for (const rel of filesUnder(src.libraryDir)) {
        const file = join(src.libraryDir, rel);
        let size: number;
        try {
          size = statSync(file).size;
        } catch {
          summary.skipped++;
          continue;
        }
        await addFile(tar, `${LIBRARY_PREFIX}${rel}`, file, size);
        summary.libraryFiles++;
        summary.libraryBytes += size;
      }
      tar.finalize();
    } catch (e) {
      tar.destroy(e as Error);
      await written.catch(() => undefined);
      throw e;
    }
    await written;
    return summary;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
