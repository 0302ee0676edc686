import type { HandlerMap } from '../../contract/registry.js';
import type { CoreContext } from '../../core-types.js';
import { AppError } from '../../errors.js';

/** Estimates before spending (Import and Queue views) and each batch's estimate beside its actuals (System view). */
export function estimateHandlers(core: CoreContext): Pick<HandlerMap, 'estimates.forRecordings' | 'importBatches.list' | 'importBatches.get'> {
  const batches = core.daos.importBatches;
  return {
    'estimates.forRecordings': ({ recordingIds, step }) => core.services.estimates.estimate(recordingIds, step),
    'importBatches.list': ({ limit }) => ({ batches: batches.list({ limit }) }),
    'importBatches.get': ({ id }) => {
      const b = batches.get(id);
      if (!b) throw new AppError('not_found', `No import batch "${id}" is recorded.`, 'Only batches that imported at least one recording are kept; see GET /api/v1/import-batches for the recent ones.');
      return b;
    },
  };
}
