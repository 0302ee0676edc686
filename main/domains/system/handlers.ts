import { seesServerPaths } from '../../auth/server-files.js';
import type { CoreContext } from '../../core-types.js';
import type { HandlerMap } from '../../contract/registry.js';

type SystemHandlers = Pick<HandlerMap, 'system.health' | 'settings.get' | 'settings.update' | 'settings.setSecret'>;

export function systemHandlers(core: CoreContext): SystemHandlers {
  return {
    'system.health': (_input, ctx) => ({
      status: 'ok',
      appVersion: core.appVersion,
      schemaVersion: core.db.schemaVersion,
      dataDir: seesServerPaths(ctx) ? core.config.paths.dataDir : '',
      profile: core.config.settings.profile,
      mode: core.mode,
      uptimeSec: Math.round((performance.now() - core.startedAt) / 100) / 10,
      queue: core.health.queueCounts(),
      providers: core.health.providers(),
    }),
    'settings.get': () => core.settings.view(),
    'settings.update': (patch, ctx) => core.settings.update(patch, ctx.actor),
    'settings.setSecret': ({ name, value }, ctx) => core.settings.setSecret(name, value, ctx.actor),
  };
}
