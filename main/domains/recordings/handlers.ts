import { importRetryable, metadataFields } from '../../../preload/contract/schemas/recordings.js';
import { checkImportPaths, serverFolders } from '../../auth/server-files.js';
import type { HandlerMap } from '../../contract/registry.js';
import type { CoreContext } from '../../core-types.js';
import { AppError } from '../../errors.js';
import { toRecordingView } from './recording-view.js';

type RecordingHandlers = Pick<HandlerMap, 'recordings.import' | 'recordings.list' | 'recordings.get' | 'recordings.updateMetadata' | 'importFailures.list' | 'importFailures.dismiss'>;

const notFound = (id: number) =>
  new AppError('not_found', `There is no recording #${id}.`, 'It may have been deleted. Reload the list of calls.');

export function recordingHandlers(core: CoreContext): RecordingHandlers {
  const dao = core.daos.recordings;
  const service = core.services.imports;
  return {
    'recordings.import': async ({ paths, batchId, sidecarPath }, ctx) => {
      // An account reaches only CCA_IMPORT_ROOTS, checked before anything is opened; null for the owner.
      const within = await checkImportPaths(ctx, serverFolders(core.config.settings), sidecarPath ? [...paths, sidecarPath] : paths);
      return service.importPaths(paths, { batchId, sidecarPaths: sidecarPath ? [sidecarPath] : [], ...(within ? { within } : {}) });
    },
    'importFailures.list': () => ({
      failures: core.daos.importFailures.list().map(({ sourcePath, category, message, hint, ...f }) => ({
        ...f, ...(sourcePath ? { sourcePath } : {}), error: { category, message, hint }, retryable: importRetryable(category),
      })),
    }),
    'importFailures.dismiss': ({ ids, batchId }) => ({ dismissed: core.daos.importFailures.dismiss({ ids, batchId }) }),
    'recordings.list': (filters, ctx) => {
      const { rows, total } = dao.list(filters);
      return { items: rows.map((r) => toRecordingView(r, ctx)), total };
    },
    'recordings.get': ({ id }, ctx) => {
      const row = dao.get(id);
      if (!row) throw notFound(id);
      return toRecordingView(row, ctx);
    },
    'recordings.updateMetadata': ({ id, ...patch }, ctx) => {
      const row = dao.get(id);
      if (!row) throw notFound(id);
      const values: Record<string, string | null> = {};
      const old: Record<string, unknown> = {};
      const sources: Record<string, string> = { ...row.metadataSources };
      for (const field of metadataFields) {
        const v = patch[field];
        if (v === undefined) continue;
        values[field] = v === '' ? null : v;
        old[field] = row[field];
        if (values[field] === null) delete sources[field];
        else sources[field] = 'user';
      }
      const updated = dao.transaction(() => {
        const row = dao.updateMetadata(id, values, sources);
        if (!row) throw notFound(id);
        core.calls.sourcesChanged([id]);
        core.daos.audit.record({ actor: ctx.actor, entity: 'recording', entityId: String(id), action: 'update_metadata', oldValue: old, newValue: values });
        return row;
      });
      return toRecordingView(updated, ctx);
    },
  };
}
