import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Settings } from '../../preload/contract/schemas/settings.js';
import { derivePaths } from '../config/load-config.js';
import type { CallContext } from '../contract/registry.js';
import { AppError } from '../errors.js';

/**
 * Which files on the machine that runs the app an API caller may name. The machine's owner — the
 * desktop app and the launch token, which only someone with this machine's files can read — may
 * name any path, as they could open it anyway. A signed-in account, whatever its role, reaches only
 * the folders an administrator configured: CCA_IMPORT_ROOTS to import from, CCA_EXPORT_DIR to save
 * exports in; with none configured, uploads and downloads are its only way in and out. Every path is
 * resolved (`..`, symlinks of every existing component) before it is compared, and nobody writes
 * over the app's own files (database, secrets, token, library).
 */
export interface ServerFileFolders {
  importRoots: string[];
  exportDir: string;
  /** Folders that hold the app's own files: never written to by an export. */
  appDirs: string[];
}

/**
 * Where the server keeps things (data folder, library paths) is shown to administrators only: to an
 * agent or reviewer on a shared server it is no use, and it maps the server's disk for anyone probing.
 */
export const seesServerPaths = (ctx: Pick<CallContext, 'role'>): boolean => ctx.role === 'admin';

/** The machine's owner: the desktop app or the launch token (no account). */
export const isMachineOwner = (ctx: Pick<CallContext, 'role' | 'userId'>): boolean => ctx.role === 'admin' && ctx.userId === null;

/**
 * The real path of `path`, whether or not it exists yet: the longest existing prefix is resolved
 * (symlinks and all) and the rest appended, so a file about to be created inside a symlinked folder
 * is judged by where it would really land.
 */
export async function realPathOf(path: string): Promise<string> {
  const absolute = resolve(path);
  const rest: string[] = [];
  let at = absolute;
  for (;;) {
    try {
      return join(await realpath(at), ...rest.reverse());
    } catch {
      const parent = dirname(at);
      if (parent === at) return absolute;
      rest.push(basename(at));
      at = parent;
    }
  }
}

const inside = (path: string, folder: string): boolean => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/** Whether the real path `real` lies in one of `folders` (each resolved the same way). */
export async function withinAny(real: string, folders: string[]): Promise<boolean> {
  for (const folder of folders) if (inside(real, await realPathOf(folder))) return true;
  return false;
}

export const outsideImportRoots = (given: string) =>
  new AppError('forbidden', `"${given}" is outside the folders this server imports from.`,
    'Upload the recordings instead (drag them onto the window, or POST /api/v1/recordings), or ask an administrator to add the folder to CCA_IMPORT_ROOTS.',
    { details: { reason: 'outside_import_roots' } });

/**
 * Paths an account may import from: every one inside CCA_IMPORT_ROOTS, or the whole request is
 * refused before anything is opened (so the answer says nothing about what exists elsewhere).
 * Returns a check for the files found while walking folders (a symlink inside a root may point out).
 */
export async function checkImportPaths(ctx: Pick<CallContext, 'role' | 'userId'>, folders: ServerFileFolders, paths: string[]): Promise<((realFile: string) => Promise<boolean>) | null> {
  if (isMachineOwner(ctx)) return null;
  if (!folders.importRoots.length) {
    throw new AppError('forbidden', 'Importing from folders on the server is off for accounts.',
      'Upload the recordings instead (drag them onto the window, or POST /api/v1/recordings), or ask an administrator to set CCA_IMPORT_ROOTS.',
      { details: { reason: 'no_import_roots' } });
  }
  for (const given of paths) {
    if (!isAbsolute(given) || !(await withinAny(await realPathOf(given), folders.importRoots))) throw outsideImportRoots(given);
  }
  return (realFile) => withinAny(realFile, folders.importRoots);
}

/**
 * Where an export may be written for this caller, resolved. The owner names any absolute path; an
 * account names a path inside CCA_EXPORT_DIR (relative to it, or absolute). Nobody writes into the
 * app's own folders.
 */
export async function exportDestination(ctx: Pick<CallContext, 'role' | 'userId'>, folders: ServerFileFolders, destination: string): Promise<string> {
  let target: string;
  // Each folder resolved once per call (through `..` and every link of its existing part).
  const exportDir = folders.exportDir ? await realPathOf(folders.exportDir) : null;
  const appDirs = await Promise.all(folders.appDirs.map((d) => realPathOf(d)));
  if (isMachineOwner(ctx)) {
    if (!isAbsolute(destination)) throw new AppError('invalid_input', `"${destination}" is not an absolute path.`, 'Choose where to save with the save dialog.');
    target = await realPathOf(destination);
  } else {
    if (!exportDir) {
      throw new AppError('forbidden', 'Saving exports to a folder on the server is off.',
        'Download the export instead (GET the export path), or ask an administrator to set CCA_EXPORT_DIR.', { details: { reason: 'no_export_dir' } });
    }
    target = await realPathOf(resolve(exportDir, destination));
    if (!inside(target, exportDir) || target === exportDir) {
      throw new AppError('forbidden', `"${destination}" is outside the exports folder.`,
        'Name a file inside the exports folder (CCA_EXPORT_DIR), e.g. "calls-may.csv".', { details: { reason: 'outside_export_dir' } });
    }
  }
  if (overAppFiles(target, exportDir, appDirs)) {
    throw new AppError('forbidden', `"${destination}" is inside the app's own data folder.`,
      'Save exports somewhere else: the database, secrets and library must not be overwritten.', { details: { reason: 'app_files' } });
  }
  return target;
}

/**
 * Whether `target` lies in the app's own folders. An exports folder configured inside the data
 * folder (one volume on a server: /data/exports) is the exception, unless it holds an app folder itself.
 */
function overAppFiles(target: string, exportDir: string | null, appDirs: readonly string[]): boolean {
  if (!appDirs.some((dir) => inside(target, dir))) return false;
  if (!exportDir || !inside(target, exportDir)) return true;
  return appDirs.some((dir) => inside(dir, exportDir));
}

/** The folders of the running configuration (libraryDir can change at run time: read it each time). */
export function serverFolders(settings: Settings): ServerFileFolders {
  const paths = derivePaths(settings);
  return { importRoots: settings.importRoots, exportDir: settings.exportDir, appDirs: [paths.dataDir, paths.libraryDir] };
}
