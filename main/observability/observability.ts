import type { Logger } from 'pino';
import { SpanStatusCode } from '@opentelemetry/api';
import { EgressDao } from '../../db/dao/egress-dao.js';
import { JobsQueryDao } from '../../db/dao/jobs-query-dao.js';
import { ProblemsDao } from '../../db/dao/problems-dao.js';
import type { AppDatabase } from '../../db/open.js';
import { importResultKind, type ImportProgress } from '../../preload/contract/schemas/recordings.js';
import type { Settings } from '../../preload/contract/schemas/settings.js';
import type { EventBus } from '../events/event-bus.js';
import type { AttemptReport, QueueObserver } from '../jobs/types.js';
import { fingerprint } from './fingerprint.js';
import { jobScope } from './job-scope.js';
import { activeTraceIds, endPipelineTrace, tracingActive } from './tracing.js';
import type { AppMetrics } from './metrics.js';
import { providerFetch, type ProviderExchange } from './provider-traffic.js';

const FAILED_OUTCOMES = new Set(['waiting_retry', 'waiting_network', 'failed']);
const HOUR = 3_600_000;

/**
 * Where the app's observations go: Prometheus metrics, the egress ledger (what left the machine) and
 * error tracking (every failed attempt, once). The core builds one and hands its pieces to the
 * providers (fetchFor), the queue (queue) and the bus (watch).
 */
export class Observability {
  readonly egress: EgressDao;
  readonly problems: ProblemsDao;
  private readonly jobs: JobsQueryDao;
  private prunedAt = 0;

  constructor(
    readonly metrics: AppMetrics,
    db: AppDatabase,
    private readonly settings: () => Settings,
    private readonly logger: Logger,
  ) {
    this.egress = new EgressDao(db);
    this.jobs = new JobsQueryDao(db);
    this.problems = new ProblemsDao(db);
  }

  /** The fetch a provider's SDK client is built with: every exchange is measured and recorded. */
  fetchFor(provider: string, base?: typeof fetch): typeof fetch {
    return providerFetch(provider, (x) => this.exchange(x), base);
  }

  readonly queue: QueueObserver = { attempt: (r) => this.attempt(r) };

  /** Count imported files from the import's progress events. */
  watch(bus: EventBus): () => void {
    return bus.subscribe((name, payload) => {
      if (name !== 'import.progress') return;
      for (const r of (payload as ImportProgress).results ?? []) this.metrics.recordingsImported.inc({ result: importResultKind(r) });
    });
  }

  private exchange(x: ProviderExchange): void {
    const m = this.metrics;
    m.providerRequests.inc({ provider: x.provider, operation: x.operation, status: x.status === null ? 'error' : String(x.status) });
    m.providerRequestDuration.observe({ provider: x.provider, operation: x.operation }, x.durationMs / 1000);
    m.egressBytes.inc({ provider: x.provider, direction: 'sent' }, x.bytesSent);
    m.egressBytes.inc({ provider: x.provider, direction: 'received' }, x.bytesReceived);
    this.safely('record a provider request', () => this.egress.record(x));
  }

  private attempt(r: AttemptReport): void {
    this.metrics.stepDuration.observe({ step: r.step, provider: r.provider, outcome: r.outcome }, r.seconds);
    const span = jobScope.getStore()?.span;
    span?.setAttribute('cca.outcome', r.outcome);
    if (r.error) {
      span?.setAttribute('cca.error.category', r.error.category);
      span?.setStatus({ code: SpanStatusCode.ERROR, message: r.error.message });
    }
    if (r.costUsd) {
      this.metrics.costUsd.inc({ provider: r.provider }, r.costUsd);
      this.safely('attribute a step cost', () => this.egress.attributeCost(r.jobId, r.costUsd!));
    }
    if (r.error && FAILED_OUTCOMES.has(r.outcome)) {
      const e = r.error;
      this.safely('record a problem', () => {
        this.problems.record({
          at: Date.now(), recordingId: r.recordingId, jobId: r.jobId, step: r.step, provider: r.provider, category: e.category,
          message: e.message, hint: e.hint, fingerprint: fingerprint(e.message), outcome: r.outcome, attempt: r.attempt, traceId: activeTraceIds().trace_id ?? null,
        });
        this.prune();
      });
    }
    if (r.outcome === 'done' || r.outcome === 'skipped' || r.outcome === 'failed') this.safely('end the pipeline trace', () => this.settle(r.recordingId));
  }

  /** When nothing is left to run for the recording, write its pipeline's root span. */
  private settle(recordingId: number): void {
    if (!tracingActive()) return;
    const p = this.jobs.pipelineState(recordingId);
    if (p.unfinished === 0 && p.traceParent) void endPipelineTrace(p.traceParent, { recordingId, startedAt: p.startedAt, failed: p.failed > 0 });
  }

  /** Retention: at most once an hour, drop problems older than the setting. */
  private prune(): void {
    const now = Date.now();
    if (now - this.prunedAt < HOUR) return;
    this.prunedAt = now;
    const n = this.problems.prune(now - this.settings().problemsRetentionDays * 24 * HOUR);
    if (n) this.logger.info({ removed: n }, 'old problems pruned');
  }

  /** Observing must never fail the work it observes (a full disk is reported by the work itself). */
  private safely(what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.logger.warn({ err: e }, `could not ${what}`);
    }
  }
}
