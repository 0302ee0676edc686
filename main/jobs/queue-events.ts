import type { JobsQueryDao, JobListRow } from '../../db/dao/jobs-query-dao.js';
import type { JobView, QueueSummary } from '../../preload/contract/schemas/queue.js';
import { JobState } from '../../preload/contract/schemas/queue.js';
import type { EventBus } from '../events/event-bus.js';

export function toJobView(r: JobListRow, maxAttempts: number): JobView {
  return {
    id: r.id,
    recordingId: r.recordingId,
    fileName: r.fileName,
    step: r.step,
    state: JobState.catch('queued').parse(r.state),
    priority: r.priority,
    attempts: r.attempts,
    maxAttempts,
    nextRunAt: r.state === 'waiting_retry' ? r.nextRunAt : null,
    progress: r.progress,
    error: r.errorCategory ? { category: r.errorCategory, message: r.errorMessage ?? '', hint: r.errorHint ?? '' } : null,
    costUsd: r.costUsd,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    durationMs: r.durationMs,
  };
}

/**
 * Coalesces queue changes into UI events: per recording at most one `queue.recording` per interval
 * (the latest state of every changed step, so nothing is lost, only merged), and at most one
 * `queue.summary` per interval. Nothing is read or emitted while nobody listens (benchmarks, tests).
 */
export class QueueEvents {
  private readonly dirty = new Map<number, Set<number>>();
  private readonly lastSent = new Map<number, number>();
  private summaryDirty = false;
  private lastSummary = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly query: JobsQueryDao,
    private readonly summary: () => QueueSummary,
    private readonly maxAttempts: () => number,
    private readonly intervalMs = 1000,
  ) {}

  /** jobId -1: every step of the recording; recordingId -1: unknown recording (counts only). */
  jobChanged(recordingId: number, jobId: number): void {
    if (this.bus.listenerCount === 0) return;
    if (recordingId < 0) return this.summaryChanged();
    let set = this.dirty.get(recordingId);
    if (!set) this.dirty.set(recordingId, (set = new Set()));
    set.add(jobId);
    this.summaryDirty = true;
    this.schedule();
  }

  summaryChanged(): void {
    if (this.bus.listenerCount === 0) return;
    this.summaryDirty = true;
    this.schedule();
  }

  /** Send everything pending that is allowed now; re-arm for the rest. */
  flush(force = false): void {
    this.timer = null;
    const now = Date.now();
    for (const [recordingId, ids] of this.dirty) {
      if (!force && now - (this.lastSent.get(recordingId) ?? 0) < this.intervalMs) continue;
      this.dirty.delete(recordingId);
      this.lastSent.set(recordingId, now);
      const rows = ids.has(-1) ? this.query.byRecording(recordingId) : this.query.byIds([...ids]);
      const jobs = rows.map((r) => toJobView(r, this.maxAttempts()));
      this.bus.emit('queue.recording', { recordingId, jobs });
    }
    if (this.summaryDirty && (force || now - this.lastSummary >= this.intervalMs)) {
      this.summaryDirty = false;
      this.lastSummary = now;
      this.bus.emit('queue.summary', this.summary());
    }
    // Forget old send times so the map does not grow with every recording ever processed.
    if (this.lastSent.size > 5000) for (const [k, t] of this.lastSent) if (now - t > this.intervalMs) this.lastSent.delete(k);
    if (this.dirty.size || this.summaryDirty) this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer) return;
    const now = Date.now();
    let wait = this.intervalMs;
    for (const id of this.dirty.keys()) wait = Math.min(wait, Math.max(0, (this.lastSent.get(id) ?? 0) + this.intervalMs - now));
    if (this.summaryDirty) wait = Math.min(wait, Math.max(0, this.lastSummary + this.intervalMs - now));
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref();
  }
}
