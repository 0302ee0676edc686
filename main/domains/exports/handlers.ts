import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportDestination, serverFolders } from '../../auth/server-files.js';
import type { CoreContext } from '../../core-types.js';
import type { HandlerMap } from '../../contract/registry.js';
import { AppError } from '../../errors.js';
import { clearRecent, listRecent } from '../../exports/recent.js';
import { prepareExport, type PreparedExport } from '../../exports/run-export.js';

type ExportHandlers = Pick<HandlerMap, 'exports.recent' | 'exports.clearRecent' | 'exports.writeFile' | 'exports.saveAs'>;

/**
 * The exports domain's JSON operations. The files are streamed by raw HTTP routes
 * (main/server/routes/export-routes.ts); `exports.writeFile` runs the same export into a local file
 * for the desktop save dialog (written to a temp name, then renamed: no half file under the chosen name).
 */
export function exportHandlers(core: CoreContext): ExportHandlers {
  return {
    'exports.recent': () => listRecent(core.daos.appSettings),
    'exports.clearRecent': () => {
      clearRecent(core.daos.appSettings);
      return { cleared: true };
    },
    'exports.writeFile': async ({ path, destination }, ctx) => {
      // Checked before the export is prepared: a refused destination costs nothing and writes nothing.
      const target = await exportDestination(ctx, serverFolders(core.config.settings), destination);
      const prepared = prepareExport(core, new URL(path, 'http://localhost'), ctx.actor);
      return writeExport(prepared, target);
    },
    'exports.saveAs': async ({ path }, ctx) => {
      if (!core.host) {
        throw new AppError('invalid_input', 'The save dialog is part of the desktop app.', 'In browser mode the Reports view downloads the file instead.');
      }
      // Prepared first so the dialog suggests the export's real file name; nothing is written (or
      // audited) unless the user picks a place.
      const prepared = prepareExport(core, new URL(path, 'http://localhost'), ctx.actor);
      const chosen = await core.host.chooseSavePath(prepared.job.fileName);
      if (!chosen) return { saved: false, destination: null, fileName: prepared.job.fileName, bytes: 0, redacted: prepared.redacted };
      return { saved: true, ...(await writeExport(prepared, await exportDestination(ctx, serverFolders(core.config.settings), chosen))) };
    },
  };
}

/** Stream an export into a local file: a temp name first, then rename (no half file under the chosen name). */
async function writeExport(prepared: PreparedExport, destination: string) {
  await mkdir(dirname(destination), { recursive: true });
  const tmp = `${destination}.partial`;
  try {
    // 'wx': a fresh file, never through a link someone left under the temporary name.
    await rm(tmp, { force: true });
    const out = createWriteStream(tmp, { flags: 'wx' });
    await prepared.run(out);
    if (!out.writableFinished) await new Promise<void>((resolve, reject) => out.once('finish', () => resolve()).once('error', reject));
    await rename(tmp, destination);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return { destination, fileName: prepared.job.fileName, bytes: (await stat(destination)).size, redacted: prepared.redacted };
}
