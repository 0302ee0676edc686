import { JobsQueryDao } from '../../../db/dao/jobs-query-dao.js';
import type { AppDatabase } from '../../../db/open.js';
import type { Settings } from '../../../preload/contract/schemas/settings.js';
import type { StepRunner } from '../../jobs/types.js';

const monthStart = (now: number) => {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};
const usd = (n: number) => `$${n.toFixed(n < 1 ? 4 : 2)}`;

/**
 * The monthly budget (CCA_MONTHLY_BUDGET_USD) around a paid step: once this month's provider cost has
 * reached it, the step does not call the provider and waits (the queue's waiting-for-configuration
 * state, woken when settings change), so nothing is lost and nothing more is spent. Steps already
 * running finish; each lane can overshoot by at most its in-flight steps.
 */
export function withinBudget(runner: StepRunner, db: AppDatabase, settings: () => Settings, now: () => number = Date.now): StepRunner {
  const jobs = new JobsQueryDao(db);
  return {
    ...runner,
    async run(ctx) {
      const budget = settings().monthlyBudgetUsd;
      if (budget > 0) {
        const spent = jobs.costSince(monthStart(now()));
        if (spent >= budget) {
          return {
            kind: 'waiting_config',
            message: `Monthly budget reached: ${usd(spent)} spent of ${usd(budget)} this month.`,
            hint: 'Raise "Monthly budget" (CCA_MONTHLY_BUDGET_USD) in Settings → Providers to continue now; nothing is lost, the waiting steps resume by themselves.',
          };
        }
      }
      return runner.run(ctx);
    },
  };
}
