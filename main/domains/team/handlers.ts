import { hostname } from 'node:os';
import type { HandlerMap } from '../../contract/registry.js';
import type { CoreContext } from '../../core-types.js';
import { AppError } from '../../errors.js';
import type { ServiceView } from '../../../preload/contract/schemas/queue.js';
import type { WorkerTokenRow } from '../../../db/dao/worker-tokens-dao.js';

type TeamHandlers = Pick<HandlerMap, 'services.list' | 'workerTokens.list' | 'workerTokens.create' | 'workerTokens.revoke'>;

const toView = (r: WorkerTokenRow) => ({ id: r.id, name: r.name, createdAt: r.createdAt, createdBy: r.createdBy, lastUsedAt: r.lastUsedAt });

/** Who runs the pipeline (the API and its worker services) and the worker tokens they sign in with. */
export function teamHandlers(core: CoreContext): TeamHandlers {
  const apiId = `api-${hostname()}-${process.pid}`;
  const startedAt = Date.now() - Math.round(performance.now() - core.startedAt);
  return {
    'services.list': () => {
      const { transport, scheduler } = core.queue;
      const embedded = transport.name !== 'redis';
      const api: ServiceView = {
        id: apiId, role: 'api', name: 'api', host: hostname(), pid: process.pid, version: core.appVersion,
        // Embedded, this process runs every step; with workers it schedules and stores them.
        steps: embedded ? Object.keys(scheduler.pipeline) : [], concurrency: 0, inFlight: scheduler.inFlight,
        startedAt, lastHeartbeat: Date.now(), state: 'live',
      };
      const workers = (transport.workers?.() ?? []).map((w): ServiceView => ({ ...w, role: 'worker' }));
      return { transport: embedded ? 'embedded' : 'redis', services: [api, ...workers] };
    },
    'workerTokens.list': () => core.workerTokens.list().map(toView),
    'workerTokens.create': ({ name }, ctx) => {
      const { token, row } = core.workerTokens.mint(name, ctx.actor);
      return { token, view: toView(row) };
    },
    'workerTokens.revoke': ({ id }, ctx) => {
      if (!core.workerTokens.revoke(id, ctx.actor)) throw new AppError('not_found', `There is no live worker token #${id}.`, 'Reload the list of worker tokens.');
      return { changed: 1 };
    },
  };
}
