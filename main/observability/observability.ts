import type { Logger } from 'pino';
import type { Daos } from '../../db/daos.js';
import { SpanStatusCode } from '@opentelemetry/api';
import type { EgressDao } from '../../db/dao/egress-dao.js';
import type { JobsQueryDao } from '../../db/dao/jobs-query-dao.js';
import type { RollupsDao } from '../../db/dao/rollups-dao.js';
import type { ProblemsDao } from '../../db/dao/problems-dao.js';
import { importResultKind, type ImportProgress } from '../../preload/contract/schemas/recordings.js';
import type { Settings } from '../../preload/contract/schemas/settings.js';
import type { EventBus } from '../events/event-bus.js';
import type { AttemptReport, QueueObserver } from '../jobs/types.js';
import { fingerprint } from './fingerprint.js';
import { jobScope } from './job-scope.js';
import { activeTraceIds, endPipelineTrace, tracingActive } from './tracing.js';
import type { AppMetrics } from './metrics.js';
import { providerFetch, type ProviderExchange } from './provider-traffic.js';
import { RollupRecorder } from './rollups.js';

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
  readonly rollupsDao: RollupsDao;
  /** Per-minute history for the System view (started by the core with the queue). */
  readonly rollups: RollupRecorder;
  private prunedAt = 0;

  constructor(
    readonly metrics: AppMetrics,
    daos: Pick<Daos, 'egress' | 'jobsQuery' | 'rollups' | 'problems'>,
    private readonly settings: () => Settings,
    private readonly logger: Logger,
  ) {
    this.egress = daos.egress;
    this.jobs = daos.jobsQuery;
    this.rollupsDao = daos.rollups;
    this.rollups = new RollupRecorder(this.rollupsDao, {
      queue: () => this.jobs.counts(),
      circuits: () => metrics.sources.circuits?.() ?? [],
    });
    this.problems = daos.problems;
  }

  /** The fetch a provider's SDK client is built with: every exchange is measured and recorded. */
  fetchFor(provider: string, base?: typeof fetch): typeof fetch {
    return providerFetch(provider, (x) => this.exchange(x), base);
  }

  /** A provider exchange measured elsewhere (a worker service), recorded as if it had left from here. */
  recordExchange(x: ProviderExchange): void {
    this.exchange(x);
  }

  readonly queue: QueueObserver = { attempt: (r) => this.attempt(r) };

  /** Count imported files from the import's progress events. */
  watch(bus: EventBus): () => void {
    return bus.subscribe((name, payload) => {
      if (name !== 'import.progress') return;
      for (const r of (payload as ImportProgress).results ?? []) {
        this.metrics.recordingsImported.inc({ result: importResultKind(r) });
        this.rollups.count('imports', importResultKind(r));
      }
    });
  }

  private exchange(x: ProviderExchange): void {
    const m = this.metrics;
    m.providerRequests.inc({ provider: x.provider, operation: x.operation, status: x.status === null ? 'error' : String(x.status) });
    m.providerRequestDuration.observe({ provider: x.provider, operation: x.operation }, x.durationMs / 1000);
    m.egressBytes.inc({ provider: x.provider, direction: 'sent' }, x.bytesSent);
    m.egressBytes.inc({ provider: x.provider, direction: 'received' }, x.bytesReceived);
    const r = this.rollups;
    r.count('provider_requests', x.provider);
    if (x.status === null || x.status >= 400) r.count('provider_errors', x.provider);
    r.latency(x.provider, x.durationMs);
    r.count('egress_sent_bytes', x.provider, x.bytesSent);
    r.count('egress_received_bytes', x.provider, x.bytesReceived);
    this.safely('record a provider request', () => this.egress.record(x));
  }

  private attempt(r: AttemptReport): void {
    this.metrics.stepDuration.observe({ step: r.step, provider: r.provider, outcome: r.outcome }, r.seconds);
    if (r.outcome === 'done' || r.outcome === 'skipped') this.rollups.count('steps_done', r.step);
    else if (r.outcome === 'failed') this.rollups.count('steps_failed', r.step);
    else if (r.outcome === 'waiting_retry' || r.outcome === 'waiting_network') this.rollups.count('steps_retried', r.step);
    const span = jobScope.getStore()?.span;
    span?.setAttribute('cca.outcome', r.outcome);
    if (r.error) {
      span?.setAttribute('cca.error.category', r.error.category);
      span?.setStatus({ code: SpanStatusCode.ERROR, message: r.error.message });
    }
    if (r.costUsd) {
      this.metrics.costUsd.inc({ provider: r.provider }, r.costUsd);
      this.rollups.count('cost_usd', r.provider, r.costUsd);
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
