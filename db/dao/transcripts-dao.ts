import { eq, sql } from 'drizzle-orm';
import type { AppDatabase } from '../open.js';
import { transcripts, type NewTranscriptRow, type TranscriptRow } from '../schema/index.js';

/** All SQL about transcripts (one per recording). */
export class TranscriptsDao {
  constructor(private readonly db: AppDatabase) {}

  /** Run fn in one write transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.sqlite.transaction(fn)();
  }

  get(recordingId: number): TranscriptRow | undefined {
    return this.db.timed('transcripts.get', () => this.db.orm.select().from(transcripts).where(eq(transcripts.recordingId, recordingId)).get());
  }

  exists(recordingId: number): boolean {
    return this.db.timed('transcripts.exists', () =>
      !!this.db.orm.select({ id: transcripts.id }).from(transcripts).where(eq(transcripts.recordingId, recordingId)).get());
  }

  /** Insert or replace the recording's transcript (re-transcription overwrites). */
  upsert(row: NewTranscriptRow): TranscriptRow {
    const { recordingId: _r, ...rest } = row;
    return this.db.timed('transcripts.upsert', () =>
      this.db.orm
        .insert(transcripts)
        .values(row)
        .onConflictDoUpdate({ target: transcripts.recordingId, set: { ...rest, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` } })
        .returning()
        .get(),
    );
  }

  updateBody(recordingId: number, body: TranscriptRow['body'], contentHash: string): TranscriptRow | undefined {
    return this.db.timed('transcripts.updateBody', () =>
      this.db.orm
        .update(transcripts)
        .set({ body, contentHash, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
        .where(eq(transcripts.recordingId, recordingId))
        .returning()
        .get(),
    );
  }
}
