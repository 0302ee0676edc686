import type { JobsControlDao } from '../../db/dao/jobs-control-dao.js';
import type { JobsQueryDao } from '../../db/dao/jobs-query-dao.js';
import type { JobFilter, JobList, QueueSummary } from '../../preload/contract/schemas/queue.js';
import { AppError } from '../errors.js';
import { callStatusOf } from '../../preload/contract/call-status.js';
import { downstreamOf } from './pipeline.js';
import { QueueEvents, toJobView } from './queue-events.js';
import type { Scheduler } from './scheduler.js';
import type { QueueDeps } from './types.js';

/** Window for the pace behind the ETA: long enough to smooth bursts, short enough to follow a slowdown. */
const PACE_WINDOW_MS = 5 * 60_000;

/**
 * What the contract's queue operations do: controls (each a DAO transaction + waking or aborting the
 * scheduler), lists and the summary (counts, ETA, providers). Also owns the throttled UI events.
 */
export class QueueService {
  readonly control: JobsControlDao;
  readonly query: JobsQueryDao;
  readonly events: QueueEvents;
  private readonly startedAt = Date.now();

  constructor(
    private readonly deps: QueueDeps,
    readonly scheduler: Scheduler,
    eventIntervalMs = 1000,
  ) {
    this.control = deps.daos.jobsControl;
    this.query = deps.daos.jobsQuery;
    this.events = new QueueEvents(deps.bus, this.query, () => this.summary(), () => scheduler.maxAttempts, eventIntervalMs);
  }

  summary(): QueueSummary {
    const counts = this.query.counts();
    const now = Date.now();
    const window = Math.min(PACE_WINDOW_MS, Math.max(10_000, now - this.startedAt));
    const doneRecently = this.query.doneSince(now - window);
    const perMs = doneRecently / window;
    const remaining = this.query.remainingSteps(Object.keys(this.scheduler.pipeline).length);
    const providers = this.scheduler.providers().map(({ lanes: _lanes, ...p }) => ({ ...p, configured: this.configured(p.id) }));
    return {
      paused: this.scheduler.isPaused,
      counts,
      calls: this.callCounts(),
      activeRecordings: this.query.activeRecordings(),
      etaSec: remaining === 0 ? 0 : perMs > 0 ? Math.round(remaining / perMs / 1000) : null,
      throughputPerMin: Math.round(perMs * 60_000 * 10) / 10,
      providers,
    };
  }

  /** Calls per status, by the one rule for a call's status (callStatusOf). */
  callCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const states of this.query.statesByRecording()) {
      const s = callStatusOf(states);
      out[s] = (out[s] ?? 0) + 1;
    }
    return out;
  }

  list(f: JobFilter): JobList {
    const { rows, total } = this.query.list(f);
    return { jobs: rows.map((r) => toJobView(r, this.scheduler.maxAttempts)), total };
  }

  pause(): QueueSummary {
    this.control.pause(Date.now());
    this.scheduler.setPaused(true);
    this.events.summaryChanged();
    return this.summary();
  }

  resume(): QueueSummary {
    this.control.resume(Date.now());
    this.scheduler.setPaused(false);
    this.events.summaryChanged();
    return this.summary();
  }

  cancel(recordingId: number | null): { changed: number } {
    if (recordingId !== null) this.mustExist(recordingId);
    const { changed, running } = this.control.cancel(recordingId, Date.now());
    this.scheduler.abortJobs(running, 'cancelled');
    this.deps.logger.info({ recordingId, changed, running }, 'jobs cancelled');
    this.touched(recordingId);
    return { changed };
  }

  retry(recordingId: number | null): { changed: number } {
    if (recordingId !== null) this.mustExist(recordingId);
    const changed = this.control.retry(recordingId, Date.now(), this.scheduler.isPaused);
    this.deps.logger.info({ recordingId, changed }, 'jobs retried');
    this.touched(recordingId);
    this.scheduler.kick();
    return { changed };
  }

  /** Failed `step` jobs of these recordings, retried (the Problems view's "retry all"). */
  retryStep(recordingIds: readonly number[], step: string): { changed: number } {
    const changed = this.control.retryStep(recordingIds, step, Date.now(), this.scheduler.isPaused);
    this.deps.logger.info({ recordings: recordingIds.length, step, changed }, 'failed steps retried');
    for (const id of recordingIds) this.touched(id);
    this.scheduler.kick();
    return { changed };
  }

  rerun(recordingIds: readonly number[], step: string): { changed: number } {
    const { changed, running } = this.control.rerun(recordingIds, step, downstreamOf(this.scheduler.pipeline, step), Date.now(), this.scheduler.isPaused);
    this.scheduler.abortJobs(running, 'cancelled');
    this.deps.logger.info({ recordingIds: recordingIds.slice(0, 50), step, changed }, 'step re-run requested');
    for (const id of recordingIds) this.touched(id);
    this.scheduler.kick();
    return { changed };
  }

  prioritize(recordingIds: readonly number[], priority: number): { changed: number } {
    const changed = this.control.prioritize(recordingIds, priority, Date.now());
    for (const id of recordingIds) this.touched(id);
    this.scheduler.kick();
    return { changed };
  }

  enqueue(recordingId: number): { changed: number } {
    this.mustExist(recordingId);
    return { changed: this.scheduler.enqueue(recordingId) };
  }

  /** Recordings imported while the queue was not listening (crash between import and enqueue). */
  enqueueOrphans(): number {
    const ids = this.control.recordingsWithoutJobs();
    for (const id of ids) this.scheduler.enqueue(id);
    if (ids.length) this.deps.logger.info({ count: ids.length }, 'queued recordings that had no pipeline yet');
    return ids.length;
  }

  private configured(provider: string): boolean {
    if (provider === 'openai') return !!this.deps.secret('OPENAI_API_KEY');
    if (provider === 'elevenlabs') return !!this.deps.secret('ELEVENLABS_API_KEY');
    return true;
  }

  private mustExist(recordingId: number): void {
    if (!this.control.recordingExists(recordingId)) {
      throw new AppError('not_found', `Recording ${recordingId} does not exist.`, 'Reload the list; it may have been deleted.');
    }
  }

  private touched(recordingId: number | null): void {
    if (recordingId === null) this.events.summaryChanged();
    else this.events.jobChanged(recordingId, -1);
  }
}
