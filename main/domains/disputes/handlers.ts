import { blindCallsOf, type HandlerMap } from '../../contract/registry.js';
import type { CoreContext } from '../../core-types.js';

type DisputeHandlers = Pick<HandlerMap, 'disputes.list' | 'disputes.raise' | 'disputes.resolve' | 'notifications.list' | 'notifications.read'>;

export function disputeHandlers(core: CoreContext): DisputeHandlers {
  const s = core.services.disputes;
  const n = core.services.notifier;
  return {
    'disputes.list': (f) => s.list(f),
    'disputes.raise': (input, ctx) => s.raise(input, ctx),
    'disputes.resolve': ({ id, ...input }, ctx) => s.resolve(id, input, ctx.actor),
    // Addressed to the caller (scope self), but about calls: those they score blind wait (blindness.ts).
    'notifications.list': ({ unread, limit }, ctx) => n.list(ctx.actor, unread, limit, [...blindCallsOf(core.access, ctx).keys()]),
    'notifications.read': ({ ids }, ctx) => n.read(ctx.actor, ids),
  };
}
