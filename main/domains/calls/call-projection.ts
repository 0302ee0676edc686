import type { AppSettingsDao } from '../../../db/dao/app-settings-dao.js';
import { createDaos, type Daos } from '../../../db/daos.js';
import type { AppDatabase } from '../../../db/open.js';
import type { CallProjectionDao, DerivedCall } from '../../../db/dao/call-projection-dao.js';
import { callStatusOf } from './call-status.js';
import { deriveCall, searchText } from './derive-call.js';
import { needsReview, reviewPolicyOf, samePolicy, type ReviewPolicy } from './review-policy.js';
import type { Settings } from '../../../preload/contract/schemas/settings.js';

/**
 * The one owner of a call's derived record (call_summary, call_criteria, the corrected search text).
 * Every change to a source calls it in the same transaction as that change, from these write points
 * and nowhere else:
 * - job state changes (the queue's DAOs report the calls whose steps moved: `statusChanged`, and
 *   `sourcesChanged` when a step finished — its results, e.g. a transcript or an analysis, were stored
 *   in that transaction);
 * - an import or a metadata edit (`sourcesChanged`);
 * - a reviewer's change: answers, compliance items, reviewed, corrections (`sourcesChanged`, with
 *   `reindexText` for corrections);
 * - a rubric edit (`rubricChanged`) and a review-policy change (`policyChanged`).
 * `reprojectAll` rebuilds every call (`npm run db -- reproject`, and at start-up when the projection's
 * version changed), in batches, resumable.
 */

/** Bump when deriveCall changes what it writes: the next start re-projects every call. */
export const PROJECTION_VERSION = 1;
const VERSION_KEY = 'calls.projection.version';
const CURSOR_KEY = 'calls.projection.cursor';
const POLICY_KEY = 'review.policy';

export interface ReprojectProgress { done: number; total: number }

export class CallProjection {
  constructor(
    private readonly dao: CallProjectionDao,
    private readonly stored: AppSettingsDao,
    private readonly settings: () => Pick<Settings, 'transcriptQualityMin' | 'unsupportedAnswers'>,
  ) {}

  private policy(): ReviewPolicy {
    return reviewPolicyOf(this.settings());
  }

  /** The record these calls' sources give now (undefined for a deleted call). Reads only. */
  derive(recordingId: number): DerivedCall | undefined {
    const src = this.dao.sources(recordingId);
    return src && deriveCall(src, this.policy());
  }

  /** Re-derive and store these calls' records. */
  sourcesChanged(recordingIds: Iterable<number>): void {
    const policy = this.policy();
    this.dao.transaction(() => {
      for (const id of new Set(recordingIds)) {
        const src = this.dao.sources(id);
        if (!src) continue;
        this.dao.write(deriveCall(src, policy));
        const edits = this.dao.edits(id);
        if (edits.length) this.applyCorrections(id, edits);
      }
    });
  }

  /**
   * Only these calls' steps changed state (claimed, retried, paused…): the status is all that can
   * differ, so only it is derived — a bulk pause of every queued step costs one read of job states.
   * A call without a summary row yet gets its whole record.
   */
  statusChanged(recordingIds: readonly number[]): void {
    if (!recordingIds.length) return;
    const ids = [...new Set(recordingIds)];
    this.dao.transaction(() => {
      const stored = this.dao.storedStatus(ids);
      const states = this.dao.jobStates(ids);
      const missing: number[] = [];
      for (const id of ids) {
        const before = stored.get(id);
        if (before === undefined) missing.push(id);
        else {
          const status = callStatusOf(states.get(id) ?? []);
          if (status !== before) this.dao.setStatus(id, status);
        }
      }
      if (missing.length) this.sourcesChanged(missing);
    });
  }

  /** A reviewer's correction changed: rebuild the call's search text (and its record). */
  reindexText(recordingId: number): void {
    this.dao.transaction(() => {
      const transcript = this.dao.transcript(recordingId);
      this.dao.writeSearchRows(recordingId, transcript ? searchText(transcript, this.dao.edits(recordingId)) : [], true);
      this.sourcesChanged([recordingId]);
    });
  }

  /** The stored transcript rows (written by the transcripts' FTS triggers) get the corrections back. */
  private applyCorrections(recordingId: number, edits: ReturnType<CallProjectionDao['edits']>): void {
    const transcript = this.dao.transcript(recordingId);
    if (!transcript) return;
    const edited = new Set(edits.map((e) => e.segmentIndex));
    this.dao.writeSearchRows(recordingId, searchText(transcript, edits).filter((s) => edited.has(s.index)), false);
  }

  /** A rubric's wording changed: the calls scored with it, in one batch. */
  rubricChanged(rubricId: number): number {
    const ids = this.dao.callsScoredWith(rubricId);
    this.sourcesChanged(ids);
    return ids.length;
  }

  /**
   * The review policy (settings) changed since the stored flags were computed: re-flag every call in
   * one pass over the two columns the policy reads. Returns the calls whose flag changed.
   */
  policyChanged(): number {
    const policy = this.policy();
    const last = this.stored.get<ReviewPolicy>(POLICY_KEY);
    if (last && samePolicy(last, policy)) return 0;
    let changed = 0;
    this.dao.transaction(() => {
      for (const r of this.dao.reviewInputs()) {
        const next = needsReview(policy, r.quality, r.unsupported);
        if (next !== r.needsReview) {
          this.dao.setNeedsReview(r.id, next);
          changed++;
        }
      }
      this.stored.set(POLICY_KEY, policy);
    });
    return changed;
  }

  /** Does the stored record predate this projection (or a reprojection was interrupted)? */
  isStale(): boolean {
    return this.stored.get<number>(VERSION_KEY) !== PROJECTION_VERSION || this.stored.get<number>(CURSOR_KEY) !== undefined;
  }

  /**
   * Re-project every call, `batch` per transaction, remembering the last id done so a stopped run
   * resumes there. `between` lets an app at start-up keep answering between batches.
   */
  async reprojectAll(opts: { batch?: number; onProgress?: (p: ReprojectProgress) => void; between?: () => Promise<void> } = {}): Promise<ReprojectProgress> {
    const batch = opts.batch ?? 1_000;
    let cursor = this.stored.get<number>(CURSOR_KEY) ?? 0;
    const total = this.dao.countAfter(0);
    let done = total - this.dao.countAfter(cursor);
    for (;;) {
      const ids = this.dao.idsAfter(cursor, batch);
      if (!ids.length) break;
      this.dao.transaction(() => {
        this.sourcesChanged(ids);
        cursor = ids[ids.length - 1]!;
        this.stored.set(CURSOR_KEY, cursor);
      });
      done += ids.length;
      opts.onProgress?.({ done, total });
      await opts.between?.();
    }
    this.dao.transaction(() => {
      this.stored.set(VERSION_KEY, PROJECTION_VERSION);
      this.stored.delete(CURSOR_KEY);
      this.stored.set(POLICY_KEY, this.policy());
    });
    return { done, total };
  }
}

/**
 * A database's DAOs with the call projection wired in: the queue's DAOs report job moves to it, and
 * it reads and writes through two of the same DAOs. The composition roots (core.ts, the CLIs) use it.
 */
export function createDaosWithProjection(db: AppDatabase, settings: () => Pick<Settings, 'transcriptQualityMin' | 'unsupportedAnswers'>): { daos: Daos; calls: CallProjection } {
  const ref: { calls?: CallProjection } = {};
  const daos = createDaos(db, {
    statusChanged: (ids) => ref.calls!.statusChanged(ids),
    sourcesChanged: (ids) => ref.calls!.sourcesChanged(ids),
  });
  ref.calls = new CallProjection(daos.callProjection, daos.appSettings, settings);
  return { daos, calls: ref.calls };
}
