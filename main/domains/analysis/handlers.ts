import type { HandlerMap } from '../../contract/registry.js';
import type { CoreContext } from '../../core-types.js';
import { AppError } from '../../errors.js';
import { toAnalysisView } from './analysis-service.js';

type AnalysisHandlers = Pick<HandlerMap, 'analysis.get' | 'analysis.run' | 'prices.list' | 'prices.update'>;

export function analysisHandlers(core: CoreContext): AnalysisHandlers {
  const { analysis, prices } = core.services.providers;
  return {
    'analysis.get': ({ id }) => toAnalysisView(analysis.latest(id), false),
    // Runs now rather than through the queue: the reviewer is waiting for the new scorecard, and a
    // cache hit answers at once without any provider call.
    'analysis.run': async ({ id, rubricId }) => {
      const out = await analysis.analyze(id, { rubricId });
      if (out.kind === 'needs_key') throw new AppError('auth', out.message, out.hint);
      return toAnalysisView(out.save(), out.cached);
    },
    'prices.list': () => prices.list(),
    'prices.update': (entry, ctx) => {
      const before = prices.get(entry.model) ?? null;
      const list = prices.upsert(entry);
      core.daos.audit.record({ actor: ctx.actor, entity: 'price', entityId: entry.model, action: 'update', oldValue: before, newValue: entry });
      return list;
    },
  };
}
