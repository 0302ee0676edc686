import type { CostEstimate, ImportBatchReport } from '../../preload/contract/schemas/estimates.js';
import type { AppDatabase } from '../open.js';

/** The paid steps: the ones a batch's estimate covers and its actual time is measured over. */
const PAID = `('transcribe','analyze')`;

/** Import batches with the estimate made when they were in, and what they really cost and took. */
export class ImportBatchesDao {
  constructor(private readonly db: AppDatabase) {}

  record(b: { id: string; createdAt: number; files: number; recordingIds: readonly number[]; estimate: CostEstimate }): void {
    this.db.timed('importBatches.record', () =>
      this.db.sqlite.transaction(() => {
        this.db.sqlite
          .prepare(`INSERT INTO import_batches (id, created_at, files, estimate) VALUES (@id, @createdAt, @files, @estimate)
                    ON CONFLICT(id) DO UPDATE SET files = files + excluded.files, estimate = excluded.estimate`)
          .run({ id: b.id, createdAt: b.createdAt, files: b.files, estimate: JSON.stringify(b.estimate) });
        const link = this.db.sqlite.prepare('INSERT OR IGNORE INTO import_batch_recordings (batch_id, recording_id) VALUES (@batchId, @recordingId)');
        for (const recordingId of b.recordingIds) link.run({ batchId: b.id, recordingId });
      }).immediate(),
    );
  }

  recordingIds(id: string): number[] {
    return this.db.timed('importBatches.recordingIds', () =>
      (this.db.reader().prepare('SELECT recording_id AS id FROM import_batch_recordings WHERE batch_id = @id ORDER BY recording_id').all({ id }) as { id: number }[])
        .map((r) => r.id));
  }

  get(id: string): ImportBatchReport | null {
    return this.list({ id, limit: 1 })[0] ?? null;
  }

  list(opts: { limit: number; id?: string }): ImportBatchReport[] {
    return this.db.timed('importBatches.list', () => {
      const rows = this.db.reader()
        .prepare(`SELECT b.id, b.created_at AS createdAt, b.files, b.estimate,
                    (SELECT count(*) FROM import_batch_recordings br WHERE br.batch_id = b.id) AS recordings,
                    (SELECT coalesce(sum(p.cost_usd), 0) FROM provider_requests p JOIN import_batch_recordings br ON br.recording_id = p.recording_id
                       WHERE br.batch_id = b.id AND p.at >= b.created_at) AS usd,
                    (SELECT count(*) FROM provider_requests p JOIN import_batch_recordings br ON br.recording_id = p.recording_id
                       WHERE br.batch_id = b.id AND p.at >= b.created_at) AS requests,
                    (SELECT count(*) FROM jobs j JOIN import_batch_recordings br ON br.recording_id = j.recording_id
                       WHERE br.batch_id = b.id AND j.step IN ${PAID} AND j.state = 'done') AS stepsDone,
                    (SELECT count(*) FROM jobs j JOIN import_batch_recordings br ON br.recording_id = j.recording_id
                       WHERE br.batch_id = b.id AND j.step IN ${PAID} AND j.state IN ('failed','cancelled')) AS stepsStopped,
                    (SELECT count(*) FROM jobs j JOIN import_batch_recordings br ON br.recording_id = j.recording_id
                       WHERE br.batch_id = b.id AND j.step IN ${PAID} AND j.state NOT IN ('done','failed','cancelled')) AS stepsOpen,
                    (SELECT max(j.finished_at) FROM jobs j JOIN import_batch_recordings br ON br.recording_id = j.recording_id
                       WHERE br.batch_id = b.id AND j.step IN ${PAID}) AS lastFinished
                  FROM import_batches b ${opts.id ? 'WHERE b.id = @id' : ''} ORDER BY b.created_at DESC, b.id LIMIT @limit`)
        .all({ id: opts.id ?? null, limit: opts.limit }) as {
          id: string; createdAt: number; files: number; estimate: string; recordings: number; usd: number; requests: number;
          stepsDone: number; stepsStopped: number; stepsOpen: number; lastFinished: number | null;
        }[];
      return rows.map((r) => {
        const estimate = JSON.parse(r.estimate) as CostEstimate;
        // A step's job appears only once the step before it is done: what is left counts the planned
        // ones (every recording, every paid step the estimate covers) not yet done, failed or cancelled.
        const planned = estimate.steps.reduce((a, e) => a + e.calls + e.skipped, 0);
        const stepsLeft = Math.max(r.stepsOpen, planned - r.stepsDone - r.stepsStopped);
        return {
          id: r.id, createdAt: r.createdAt, files: r.files, recordings: r.recordings, estimate,
          actual: {
            usd: Math.round(r.usd * 1e6) / 1e6, requests: r.requests, stepsDone: r.stepsDone, stepsLeft,
            seconds: stepsLeft === 0 && r.lastFinished !== null ? Math.max(0, (r.lastFinished - r.createdAt) / 1000) : null,
          },
        };
      });
    });
  }
}
