// `npm run db -- <command>`: maintenance of the app's database, on the data folder the app uses
// (CCA_DATA_DIR or the default). reproject and backup are safe beside a running server; restore
// needs it stopped.
import { createReadStream, createWriteStream, openSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pino from 'pino';
import pkg from '../../package.json' with { type: 'json' };
import { BadBackupError, restoreBackup } from '../backup/restore-backup.js';
import { writeBackup } from '../backup/write-backup.js';
import { AppError } from '../errors.js';
import { askLocalServer } from './local-server.js';
import { openDatabase } from '../../db/open.js';
import { applyFileEnv } from '../config/file-env.js';
import { loadConfig } from '../config/load-config.js';
import { runCli, UsageError } from './run-cli.js';
import { createDaosWithProjection } from '../domains/calls/call-projection.js';

const USAGE = `Usage: npm run db -- <command>

Commands:
  reproject [--batch N]   Recompute every call's derived record (the Calls list row, its scorecard
                          rows, flags, final score, corrected search text) from its sources. Shows
                          progress; if stopped, the next run (or the app's next start) resumes where
                          it stopped. N calls per transaction (default 1000).
  backup [--out FILE]     Write a backup of the data folder while the server runs: the database (an
                          online SQLite backup, consistent at one moment), settings, stored keys and
                          the library's audio, as one tar archive to FILE or to stdout ("-", the
                          default when stdout is not a terminal).
  restore [--from FILE]   Put a backup in place of this data folder's data (the server must be
                          stopped). Reads FILE or stdin. Checks it whole first; the current data is
                          moved to <data folder>/replaced-<time>/, never deleted.`;

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { batch: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command] = positionals;
  if (values.help || !command) throw new UsageError('');
  if (command === 'backup') return backup(values.out);
  if (command === 'restore') return restore(values.from);
  if (command !== 'reproject') throw new UsageError(`Unknown command "${command}".`);
  const batch = values.batch === undefined ? 1_000 : Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 100_000) throw new UsageError(`--batch must be a whole number from 1 to 100000 (got ${values.batch}).`);
  applyFileEnv();
  const config = loadConfig();
  const db = await openDatabase({ file: config.paths.dbFile, busyTimeoutMs: config.settings.dbBusyTimeoutMs, readConnections: 0, slowQueryMs: 10_000, logger: pino({ level: 'silent' }) });
  try {
    const { calls: projection } = createDaosWithProjection(db, () => config.settings);
    const t0 = performance.now();
    let shown = -Infinity;
    const interactive = process.stdout.isTTY;
    const { done, total } = await projection.reprojectAll({
      batch,
      onProgress: ({ done, total }) => {
        const now = performance.now();
        if (now - shown < 500 && done < total) return;
        shown = now;
        const rate = Math.round(done / ((now - t0) / 1000));
        const line = `re-projected ${done.toLocaleString('en')} of ${total.toLocaleString('en')} calls (${rate.toLocaleString('en')}/s)`;
        process.stdout.write(interactive ? `\r${line}` : `${line}\n`);
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    if (interactive && total) process.stdout.write('\n');
    process.stdout.write(`Done: ${done.toLocaleString('en')} calls re-projected in ${seconds.toFixed(1)} s.\n`);
  } finally {
    db.close();
  }
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function backup(out = process.stdout.isTTY ? undefined : '-'): Promise<void> {
  if (!out) throw new UsageError('backup writes a binary archive: give --out <file>, or redirect stdout (db backup > backup.tar).');
  applyFileEnv();
  const { paths } = loadConfig();
  const toStdout = out === '-';
  let fd: number | null = null;
  if (!toStdout) {
    try {
      fd = openSync(out, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError('invalid_input', `${out} already exists.`, 'Give a new file name (a backup never overwrites one).');
      throw e;
    }
  }
  const sink = fd === null ? process.stdout : createWriteStream('', { fd });
  const t0 = performance.now();
  let s: Awaited<ReturnType<typeof writeBackup>>;
  try {
    s = await writeBackup({ dataDir: paths.dataDir, dbFile: paths.dbFile, libraryDir: paths.libraryDir, appVersion: pkg.version }, sink);
  } catch (e) {
    // A cut-short archive must not lie around looking like a backup.
    if (fd !== null) rmSync(out, { force: true });
    throw e;
  }
  // The report goes to stderr: stdout may be the archive itself.
  process.stderr.write(`Backup ${toStdout ? 'written to stdout' : `written to ${out}`}: database ${mib(s.databaseBytes)} (schema ${s.schemaVersion}), ${s.libraryFiles.toLocaleString('en')} library files (${mib(s.libraryBytes)})${s.skipped ? `, ${s.skipped} deleted while it ran` : ''}, in ${((performance.now() - t0) / 1000).toFixed(1)} s.\n`);
}

async function restore(from = process.stdin.isTTY ? undefined : '-'): Promise<void> {
  if (!from) throw new UsageError('restore reads a backup archive: give --from <file>, or pipe it on stdin (db restore < backup.tar).');
  applyFileEnv();
  const { settings, paths } = loadConfig();
  // A server writing to this data folder would not see the swap (and would write into the old files).
  // It is found by asking the port it listens on; with CCA_PORT=0 that port is unknown.
  if (settings.port === 0) process.stderr.write(`Note: CCA_PORT is 0 (any free port), so whether a server runs on ${paths.dataDir} cannot be checked: make sure it is stopped.\n`);
  const running = settings.port !== 0 && await askLocalServer(settings, paths.tokenFile, '/api/v1/health').then(() => true, () => false);
  if (running) {
    throw new AppError('invalid_input', `A server is running on ${paths.dataDir} (it answers on port ${settings.port}).`, 'Stop it first (docker compose stop api, or systemctl stop cca-api), restore, then start it again.');
  }
  const input = from === '-' ? process.stdin : createReadStream(from);
  try {
    const r = await restoreBackup({ dataDir: paths.dataDir, dbFile: paths.dbFile, libraryDir: paths.libraryDir }, input);
    process.stdout.write(`Restored the backup of ${r.manifest.createdAt} (version ${r.manifest.appVersion}, schema ${r.manifest.schemaVersion}): the database and ${r.libraryFiles.toLocaleString('en')} library files.\n`);
    process.stdout.write(r.previous ? `The data it replaced is kept in ${r.previous} (delete it once the restored server looks right).\n` : 'The data folder had no data before.\n');
    process.stdout.write('Start the server: it migrates the database first if the backup came from an older version.\n');
  } catch (e) {
    if (e instanceof BadBackupError) throw new AppError('invalid_input', `This backup cannot be restored: ${e.message}. Nothing was changed.`, 'Restore an archive written by `db backup` (check that it was copied whole).');
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && from !== '-') throw new AppError('not_found', `There is no file ${from}.`, 'Give the path of an archive written by `db backup`.');
    throw e;
  }
}

await runCli(USAGE, run);
