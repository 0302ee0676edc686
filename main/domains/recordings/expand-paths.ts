import { opendir, realpath, stat, statfs } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fsError } from '../../audio/audio-errors.js';
import { isSidecarName } from '../../../preload/contract/schemas/recordings.js';
import { outsideImportRoots } from '../../auth/server-files.js';
import { AppError } from '../../errors.js';

/**
 * Turn what the reviewer dropped (files and folders) into the list of files to import. Folders are
 * walked recursively; symlinked folders are followed once (real paths are remembered, so a link
 * back to a parent cannot loop). Runs on the main thread with async fs only: a 1,000-file folder is
 * read a directory entry at a time, never blocking the event loop.
 */

export interface ImportSource {
  /** Where to read the file. */
  path: string;
  /** What the reviewer knows it as (shown in results, matched against sidecars and the name pattern). */
  fileName: string;
  /** Size seen when the path was expanded (a hint: the probe measures it again). */
  sizeBytes?: number;
}

export interface ExpandedInput {
  files: ImportSource[];
  /** Paths that cannot be imported at all (missing, unreadable, a folder with no audio files). */
  failures: { fileName: string; sourcePath: string; error: AppError }[];
  /** calls.csv / calls.xlsx found inside dropped folders. */
  sidecars: string[];
}

/** One collator for every sort (localeCompare with options builds one per call: 70 ms for 1,000 names). */
const byName = new Intl.Collator(undefined, { numeric: true });

/** Files that are never recordings and that folders routinely contain: skipped silently. */
const JUNK = /^(\.|~\$)|^(thumbs\.db|desktop\.ini|\.ds_store)$/i;


/** Whether a real path may be read (an account's import roots); absent for the machine's owner. */
type Within = (realPath: string) => Promise<boolean>;

export async function expandPaths(paths: string[], within?: Within): Promise<ExpandedInput> {
  const out: ExpandedInput = { files: [], failures: [], sidecars: [] };
  const seenDirs = new Set<string>();
  for (const given of paths) {
    const path = resolve(given);
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      out.failures.push({ fileName: basename(path) || path, sourcePath: path, error: missingOrUnreadable(path, e) });
      continue;
    }
    if (!info.isDirectory() && (!info.isFile() || (info.size === 0 && (await onPseudoFs(path))))) {
      // A FIFO, device or /proc entry: stat says 0 bytes and opening a FIFO can block forever, so
      // it is refused here, before anything opens it.
      out.failures.push({ fileName: basename(path) || path, sourcePath: path, error: notRegular(path) });
      continue;
    }
    if (info.isFile()) {
      out.files.push({ path, fileName: basename(path), sizeBytes: info.size });
      continue;
    }
    const before = out.files.length;
    try {
      await walk(path, out, seenDirs, within);
    } catch (e) {
      out.failures.push({ fileName: basename(path), sourcePath: path, error: missingOrUnreadable(path, e) });
      continue;
    }
    if (out.files.length === before) {
      out.failures.push({
        fileName: `${basename(path)}/`,
        sourcePath: path,
        error: new AppError('invalid_input', `The folder "${basename(path)}" contains no audio files.`,
          'Check that you dropped the right folder. Recordings in sub-folders are included; calls.csv and hidden files are not recordings.',
          { details: { reason: 'empty_folder' } }),
      });
    }
  }
  return out;
}

async function walk(dir: string, out: ExpandedInput, seenDirs: Set<string>, within?: Within): Promise<void> {
  const real = await realpath(dir);
  if (seenDirs.has(real)) return; // a symlink loop, or the same folder dropped twice
  seenDirs.add(real);
  const entries: { name: string; path: string }[] = [];
  for await (const entry of await opendir(dir)) entries.push({ name: entry.name, path: join(dir, entry.name) });
  entries.sort((a, b) => byName.compare(a.name, b.name)); // stable, human order
  for (const { name, path } of entries) {
    if (JUNK.test(name)) continue;
    let info;
    try {
      info = await stat(path); // follows symlinks: a linked recording is imported like any other
    } catch (e) {
      out.failures.push({ fileName: name, sourcePath: path, error: missingOrUnreadable(path, e) });
      continue;
    }
    // A symlink inside an import root may lead out of it: judged by where it really points.
    if (within && !(await within(await realpath(path)))) {
      out.failures.push({ fileName: name, sourcePath: path, error: outsideImportRoots(path) });
      continue;
    }
    if (info.isDirectory()) {
      try {
        await walk(path, out, seenDirs, within);
      } catch (e) {
        out.failures.push({ fileName: `${name}/`, sourcePath: path, error: missingOrUnreadable(path, e) });
      }
    } else if (info.isFile()) {
      if (isSidecarName(name)) out.sidecars.push(path);
      else out.files.push({ path, fileName: name, sizeBytes: info.size });
    }
  }
}

// procfs, sysfs, debugfs, securityfs: their "regular" files report 0 bytes but are generated on read.
const PSEUDO_FS = new Set([0x9fa0, 0x62656572, 0x64626720, 0x73636673]);
async function onPseudoFs(path: string): Promise<boolean> {
  try {
    return PSEUDO_FS.has((await statfs(path)).type);
  } catch {
    return false;
  }
}

function notRegular(path: string): AppError {
  return new AppError('invalid_input', `${path} is not a regular file (it is a pipe, device or system file).`,
    'Only audio files and folders can be imported; copy the recording to a normal file first.',
    { details: { reason: 'not_regular_file' } });
}

function missingOrUnreadable(path: string, e: unknown): AppError {
  const err = fsError(path, e);
  if (err.details.reason === 'missing') {
    return new AppError('not_found', `Nothing exists at ${path}.`,
      'The file or folder may have been moved, renamed, or be on a drive that is not connected. Check the path and add it again.',
      { cause: e, details: { reason: 'missing' } });
  }
  return err;
}
