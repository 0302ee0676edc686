import type { Role } from '../../../preload/contract/define.js';
import { roleRank, type HandlerMap } from '../../contract/registry.js';
import type { CoreContext } from '../../core-types.js';
import { AppError } from '../../errors.js';

type AssignmentHandlers = Pick<HandlerMap, 'assignments.list' | 'assignments.create' | 'assignments.sample' | 'assignments.delete' | 'assignments.reviewers' | 'assignments.rules' | 'assignments.saveRule' | 'assignments.deleteRule'>;

/** Leads and admins see anyone's assignments; a reviewer only their own. */
const seesOthers = (role: Role | 'anonymous') => roleRank(role) >= roleRank('lead');

export function assignmentHandlers(core: CoreContext): AssignmentHandlers {
  const s = core.services.assignments;
  return {
    'assignments.list': ({ reviewerId, all, status, limit, exceptIds = [] }, ctx) => {
      if ((reviewerId !== undefined && reviewerId !== ctx.userId) || all) {
        if (!seesOthers(ctx.role)) throw new AppError('forbidden', 'Only a lead or an admin sees other people\'s assignments.', 'Leave out reviewerId and all to see your own.');
        return s.list({ reviewerId: all ? null : reviewerId!, status: status ?? null, limit, exceptIds });
      }
      // The local owner (desktop app, launch token) has no account: nobody can give it calls.
      if (ctx.userId === null) return { items: [], progress: { total: 0, done: 0, open: 0, overdue: 0 } };
      return s.list({ reviewerId: ctx.userId, status: status ?? null, limit, exceptIds });
    },
    'assignments.create': (input, ctx) => s.create(input, ctx.actor),
    'assignments.sample': ({ rule, dryRun }, ctx) => s.sample(rule, dryRun, ctx.actor),
    'assignments.delete': ({ id }, ctx) => s.remove(id, ctx.actor),
    'assignments.reviewers': () => s.reviewers(),
    'assignments.rules': () => s.rules(),
    'assignments.saveRule': (input, ctx) => s.saveRule(input, ctx.actor),
    'assignments.deleteRule': ({ id }, ctx) => s.deleteRule(id, ctx.actor),
  };
}
