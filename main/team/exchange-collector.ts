import type { ProviderExchange } from '../observability/provider-traffic.js';

/**
 * A worker's provider exchanges, kept per job until its result is sent (the API records them: a worker
 * has no ledger of its own). Exchanges outside a job (none today) are dropped; a job's list is bounded.
 */
export class ExchangeCollector {
  private readonly byJob = new Map<number, ProviderExchange[]>();

  add(x: ProviderExchange): void {
    if (x.jobId === null) return;
    const list = this.byJob.get(x.jobId) ?? [];
    if (list.length < 1_000) list.push(x);
    this.byJob.set(x.jobId, list);
  }

  take(jobId: number): ProviderExchange[] {
    const list = this.byJob.get(jobId) ?? [];
    this.byJob.delete(jobId);
    return list;
  }
}
