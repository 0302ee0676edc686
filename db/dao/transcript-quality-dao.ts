import { eq } from 'drizzle-orm';
import type { TranscriptQuality } from '../../preload/contract/schemas/local-analytics.js';
import type { AppDatabase } from '../open.js';
import { transcriptQuality } from '../schema/call-summary.js';

/** The stored transcript quality of each recording, and its score copied into call_summary for the list. */
export class TranscriptQualityDao {
  constructor(private readonly db: AppDatabase) {}

  save(recordingId: number, transcriptHash: string, q: TranscriptQuality): void {
    this.db.timed('transcriptQuality.save', () => {
      this.db.orm.insert(transcriptQuality).values({ recordingId, transcriptHash, score: q.score, body: q })
        .onConflictDoUpdate({ target: transcriptQuality.recordingId, set: { transcriptHash, score: q.score, body: q, computedAt: new Date().toISOString() } })
        .run();
      this.db.sqlite.prepare('UPDATE call_summary SET transcript_quality = ? WHERE recording_id = ?').run(q.score, recordingId);
    });
  }

  /** The quality of the transcript with this hash (null when it was computed for an older transcript). */
  get(recordingId: number, transcriptHash: string): TranscriptQuality | null {
    return this.db.timed('transcriptQuality.get', () => {
      const row = this.db.orm.select().from(transcriptQuality).where(eq(transcriptQuality.recordingId, recordingId)).get();
      return row && row.transcriptHash === transcriptHash ? (row.body as TranscriptQuality) : null;
    });
  }
}
