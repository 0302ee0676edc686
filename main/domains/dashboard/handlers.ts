import type { HandlerMap } from '../../contract/registry.js';
import type { CoreContext } from '../../core-types.js';

/**
 * GET /api/v1/dashboard: all charts' data in one answer (the view renders them together, and each
 * query is an index walk over call_summary / call_criteria, so one round trip beats eight).
 */
export function dashboardHandlers(core: CoreContext): Pick<HandlerMap, 'dashboard.get'> {
  const dao = core.daos.dashboard;
  return {
    'dashboard.get': ({ from, to, agent, exceptIds }) => {
      const r = { from, to, agent, exceptIds };
      return {
        range: { from: from ?? null, to: to ?? null, agent: agent ?? null },
        overview: dao.overview(r),
        scoreDistribution: dao.scoreDistribution(r),
        agentScoreOverTime: dao.agentScoreOverTime(r),
        criterionPassRate: dao.criterionPassRate(r),
        criterionSupport: dao.criterionSupport(r),
        overrideRate: dao.overrideRate(r).map((x) => ({ ...x, overridden: x.overridden ?? 0 })),
        topReasons: dao.topReasons(r),
        outcomes: dao.outcomes(r),
        sentimentTrend: dao.sentimentTrend(r),
        costPerDay: dao.costPerDay(r).map((x) => ({ ...x, costUsd: x.costUsd ?? 0 })),
        disputes: dao.disputeRates(r),
      };
    },
  };
}
