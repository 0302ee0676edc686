import type { AppDatabase } from '../open.js';

export interface RollupPoint {
  name: string;
  key: string;
  value: number;
}

/** One time bucket of one series: the minutes' sum, max and mean (the caller picks what the series means). */
export interface RollupBucket {
  bucket: number;
  name: string;
  key: string;
  sum: number;
  max: number;
  avg: number;
  /** Minutes stored in the bucket for this series. */
  minutes: number;
}

/** The System view's per-minute history (metric_rollups). */
export class RollupsDao {
  constructor(private readonly db: AppDatabase) {}

  write(minute: number, points: readonly RollupPoint[]): void {
    if (!points.length) return;
    this.db.timed('rollups.write', () =>
      this.db.sqlite.transaction(() => {
        const st = this.db.sqlite.prepare('INSERT OR REPLACE INTO metric_rollups (minute, name, key, value) VALUES (@minute, @name, @key, @value)');
        for (const p of points) st.run({ minute, name: p.name, key: p.key, value: p.value });
      }).immediate(),
    );
  }

  /** Minutes in [from, to) grouped into buckets of `bucketMs` (bucket = its start). */
  range(from: number, to: number, bucketMs: number): RollupBucket[] {
    return this.db.timed('rollups.range', () =>
      this.db.reader()
        .prepare(`SELECT (minute / CAST(@b AS INTEGER)) * CAST(@b AS INTEGER) AS bucket, name, key, sum(value) AS sum, max(value) AS max, avg(value) AS avg, count(*) AS minutes
                  FROM metric_rollups WHERE minute >= @from AND minute < @to GROUP BY bucket, name, key ORDER BY bucket`)
        .all({ b: bucketMs, from, to }) as RollupBucket[],
    );
  }

  prune(before: number): number {
    return this.db.timed('rollups.prune', () => this.db.sqlite.prepare('DELETE FROM metric_rollups WHERE minute < @before').run({ before }).changes);
  }
}
