import type { JobsQueryDao } from '../../../db/dao/jobs-query-dao.js';
import type { Daos } from '../../../db/daos.js';
import type { Settings } from '../../../preload/contract/schemas/settings.js';
import type { StepRunner } from '../../jobs/types.js';

export const monthStart = (now: number) => {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};
const nextMonthStart = (now: number) => {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};
const usd = (n: number) => `$${n.toFixed(n < 1 ? 4 : 2)}`;
/** setTimeout's longest delay (about 24.8 days); a longer wait is re-armed. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * The monthly budget (CCA_MONTHLY_BUDGET_USD) around the paid steps: once this month's provider cost
 * has reached it, a step does not call the provider and waits (the queue's waiting-for-configuration
 * state), so nothing is lost and nothing more is spent. Steps already running finish; each lane can
 * overshoot by at most its in-flight steps. Raising the budget wakes them (settings changed); so does
 * the first of the next month (UTC), when this month's spending no longer counts — nothing else would.
 */
export class MonthlyBudget {
  private readonly jobs: JobsQueryDao;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    daos: Pick<Daos, 'jobsQuery'>,
    private readonly settings: () => Settings,
    /** Wakes the steps waiting for configuration. */
    private readonly wake: () => void,
    private readonly now: () => number = Date.now,
  ) {
    this.jobs = daos.jobsQuery;
  }

  guard(runner: StepRunner): StepRunner {
    return {
      ...runner,
      run: async (ctx) => {
        const budget = this.settings().monthlyBudgetUsd;
        if (budget > 0) {
          const spent = this.jobs.costSince(monthStart(this.now()));
          if (spent >= budget) {
            this.wakeAtMonthEnd();
            return {
              kind: 'waiting_config',
              message: `Monthly budget reached: ${usd(spent)} spent of ${usd(budget)} this month.`,
              hint: 'Raise "Monthly budget" (CCA_MONTHLY_BUDGET_USD) in Settings → Providers to continue now; nothing is lost, the waiting steps resume by themselves at the start of next month (UTC).',
            };
          }
        }
        return runner.run(ctx);
      },
    };
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private wakeAtMonthEnd(): void {
    if (this.timer) return;
    const at = nextMonthStart(this.now());
    const arm = () => {
      this.timer = setTimeout(() => {
        this.timer = null;
        if (this.now() >= at) this.wake();
        else arm();
      }, Math.min(MAX_DELAY, Math.max(0, at - this.now())));
      this.timer.unref();
    };
    arm();
  }
}
