import Database from 'better-sqlite3';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-stream';
import { knownMigrations } from '../../db/migrate.js';
import { migrationsFolder } from '../../db/migrations-folder.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, DB_ENTRY, isAllowedEntry, LIBRARY_PREFIX, MANIFEST, PLAIN_FILES, type BackupManifest } from './backup-format.js';

export interface RestoreTarget {
  dataDir: string;
  dbFile: string;
  libraryDir: string;
}

export interface RestoreSummary {
  manifest: BackupManifest;
  libraryFiles: number;
  /** Where the data folder's previous contents were moved (nothing is deleted), or null when it had none. */
  previous: string | null;
}

/** A backup that cannot be restored: says what is wrong with it; the data folder is untouched. */
export class BadBackupError extends Error {
  override name = 'BadBackupError';
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

async function readManifest(entry: Readable): Promise<BackupManifest> {
  const chunks: Buffer[] = [];
  for await (const c of entry) chunks.push(c as Buffer);
  let m: Partial<BackupManifest>;
  try {
    m = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<BackupManifest>;
  } catch {
    throw new BadBackupError('its manifest is not JSON');
  }
  if (m.format !== BACKUP_FORMAT) throw new BadBackupError(`its manifest says format "${String(m.format)}", not "${BACKUP_FORMAT}"`);
  if (m.formatVersion !== BACKUP_FORMAT_VERSION) throw new BadBackupError(`it is backup format ${String(m.formatVersion)}; this build reads format ${BACKUP_FORMAT_VERSION}`);
  return m as BackupManifest;
}

/** Unpack the archive into `stage`; returns its manifest and how many library files it held. */
async function unpack(input: Readable, stage: string, libraryStage: string): Promise<{ manifest: BackupManifest; libraryFiles: number }> {
  const ex = extract();
  const fed = pipeline(input, ex).catch((e: unknown) => {
    throw new BadBackupError(`it could not be read as a tar archive (${e instanceof Error ? e.message : String(e)})`);
  });
  let manifest: BackupManifest | null = null;
  let libraryFiles = 0;
  let sawDb = false;
  try {
    for await (const entry of ex) {
      const { name, type } = entry.header;
      if (!manifest) {
        if (name !== MANIFEST) throw new BadBackupError(`it does not start with ${MANIFEST} (found "${name}"): it was not made by \`db backup\``);
        manifest = await readManifest(entry as unknown as Readable);
        continue;
      }
      if (type !== 'file' || !isAllowedEntry(name)) throw new BadBackupError(`it holds "${name}" (${type}), which a backup never contains`);
      const target = name.startsWith(LIBRARY_PREFIX) ? join(libraryStage, name.slice(LIBRARY_PREFIX.length)) : join(stage, name);
      mkdirSync(dirname(target), { recursive: true });
      await pipeline(entry as unknown as Readable, createWriteStream(target, { mode: 0o600 }));
      if (name === DB_ENTRY) sawDb = true;
      if (name.startsWith(LIBRARY_PREFIX)) libraryFiles++;
    }
  } catch (e) {
    ex.destroy();
    await fed.catch(() => undefined);
    // The archive's own faults (cut short, not tar) say so; the file system's (no space) stay as they are.
    if (e instanceof BadBackupError || (e as NodeJS.ErrnoException).code) throw e;
    throw new BadBackupError(`it could not be read as a tar archive (${e instanceof Error ? e.message : String(e)})`);
  }
  await fed;
  if (!manifest) throw new BadBackupError('it is empty');
  if (!sawDb) throw new BadBackupError(`it holds no database (${DB_ENTRY}): it was cut short`);
  return { manifest, libraryFiles };
}

/** The staged database must be whole and not from a newer build than this one. */
function checkDatabase(file: string, manifest: BackupManifest): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new BadBackupError(`its database fails SQLite's integrity check (${String(result)})`);
  } finally {
    db.close();
  }
  const known = knownMigrations(migrationsFolder()).length;
  if (manifest.schemaVersion > known) {
    throw new BadBackupError(`it was made by version ${manifest.appVersion} with database schema ${manifest.schemaVersion}, newer than this build's ${known}: restore it with that version or later`);
  }
}

/**
 * Restore a backup (a `db backup` tar stream) into a data folder whose server is stopped. Everything is
 * unpacked and checked first (the manifest, entry names, SQLite's integrity check, the schema version);
 * only then are the current database, settings, keys and library moved aside into
 * `<dataDir>/replaced-<time>/` (kept, never deleted) and the restored ones moved in. A bad backup
 * changes nothing. The next server start migrates the database if the backup came from an older build.
 */
export async function restoreBackup(target: RestoreTarget, input: Readable): Promise<RestoreSummary> {
  mkdirSync(target.dataDir, { recursive: true, mode: 0o700 });
  const at = stamp();
  const stage = join(target.dataDir, `.restoring-${at}`);
  // Staged beside the library (CCA_LIBRARY_DIR may be on another file system): moved in by rename.
  const libraryParent = dirname(target.libraryDir);
  const libraryStage = join(libraryParent, `.restoring-library-${at}`);
  mkdirSync(stage, { recursive: true, mode: 0o700 });
  mkdirSync(libraryStage, { recursive: true, mode: 0o700 });
  try {
    const { manifest, libraryFiles } = await unpack(input, stage, libraryStage);
    checkDatabase(join(stage, DB_ENTRY), manifest);

    const moves: [from: string, to: string, keepAs: string][] = [
      [join(stage, DB_ENTRY), target.dbFile, DB_ENTRY],
      ...PLAIN_FILES.map((n): [string, string, string] => [join(stage, n), join(target.dataDir, n), n]),
      [libraryStage, target.libraryDir, 'library'],
    ];
    const replaced = join(target.dataDir, `replaced-${at}`);
    let previous: string | null = null;
    const keep = (file: string, as: string) => {
      if (!existsSync(file)) return;
      mkdirSync(replaced, { recursive: true, mode: 0o700 });
      renameSync(file, join(replaced, as));
      previous = replaced;
    };
    // The database's -wal and -shm belong to the old file: moved aside with it, never applied to the new one.
    for (const suffix of ['', '-wal', '-shm']) keep(`${target.dbFile}${suffix}`, `${DB_ENTRY}${suffix}`);
    for (const [, to, as] of moves.slice(1, -1)) keep(to, as);
    if (existsSync(target.libraryDir)) {
      const aside = libraryParent === target.dataDir ? join(replaced, 'library') : `${target.libraryDir}.replaced-${at}`;
      mkdirSync(dirname(aside), { recursive: true, mode: 0o700 });
      renameSync(target.libraryDir, aside);
      previous ??= aside;
    }
    for (const [from, to] of moves) {
      if (!existsSync(from)) continue;
      mkdirSync(dirname(to), { recursive: true });
      renameSync(from, to);
    }
    if (!existsSync(target.libraryDir)) mkdirSync(target.libraryDir, { recursive: true });
    return { manifest, libraryFiles, previous };
  } finally {
    rmSync(stage, { recursive: true, force: true });
    rmSync(libraryStage, { recursive: true, force: true });
  }
}
