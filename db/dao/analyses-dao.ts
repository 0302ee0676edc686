import { and, desc, eq } from 'drizzle-orm';
import type { AppDatabase } from '../open.js';
import { analyses, type AnalysisRow, type NewAnalysisRow } from '../schema/index.js';

export interface AnalysisKey {
  transcriptHash: string;
  rubricId: number;
  rubricVersion: number;
  model: string;
  promptVersion: string;
}

/** All SQL about analyses. The newest row of a recording is its current analysis. */
export class AnalysesDao {
  constructor(private readonly db: AppDatabase) {}

  latest(recordingId: number): AnalysisRow | undefined {
    return this.db.timed('analyses.latest', () =>
      this.db.orm.select().from(analyses).where(eq(analyses.recordingId, recordingId)).orderBy(desc(analyses.id)).limit(1).get());
  }

  /** A stored analysis with this exact key: for this recording first, else any recording (same audio). */
  findByKey(key: AnalysisKey, recordingId: number): AnalysisRow | undefined {
    const cond = and(
      eq(analyses.transcriptHash, key.transcriptHash),
      eq(analyses.rubricId, key.rubricId),
      eq(analyses.rubricVersion, key.rubricVersion),
      eq(analyses.model, key.model),
      eq(analyses.promptVersion, key.promptVersion),
    );
    return this.db.timed('analyses.findByKey', () => {
      const rows = this.db.orm.select().from(analyses).where(cond).orderBy(desc(analyses.id)).limit(20).all();
      return rows.find((r) => r.recordingId === recordingId) ?? rows[0];
    });
  }

  /** Insert; an identical key for the same recording (a concurrent run) keeps the first row. */
  insert(row: NewAnalysisRow): AnalysisRow {
    return this.db.timed('analyses.insert', () => {
      const inserted = this.db.orm.insert(analyses).values(row).onConflictDoNothing().returning().get();
      return inserted ?? this.findByKey({ ...row, promptVersion: row.promptVersion }, row.recordingId)!;
    });
  }

  /** Make an existing analysis the newest again (cache hit on an older key): re-insert as a copy. */
  touch(row: AnalysisRow, recordingId: number): AnalysisRow {
    return this.db.timed('analyses.touch', () =>
      this.db.sqlite.transaction(() => {
        this.db.orm
          .delete(analyses)
          .where(and(eq(analyses.recordingId, recordingId), eq(analyses.transcriptHash, row.transcriptHash), eq(analyses.rubricId, row.rubricId),
            eq(analyses.rubricVersion, row.rubricVersion), eq(analyses.model, row.model), eq(analyses.promptVersion, row.promptVersion)))
          .run();
        const { id: _id, createdAt: _c, ...copy } = row;
        return this.db.orm.insert(analyses).values({ ...copy, recordingId }).returning().get();
      })(),
    );
  }
}
