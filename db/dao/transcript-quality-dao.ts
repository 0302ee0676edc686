import { eq } from 'drizzle-orm';
import type { TranscriptQuality } from '../../preload/contract/schemas/local-analytics.js';
import type { AppDatabase } from '../open.js';
import { transcriptFindings, transcriptQuality } from '../schema/call-summary.js';

/** What the index step learnt from each recording's transcript: its quality, and whether it holds personal data. */
export class TranscriptQualityDao {
  constructor(private readonly db: AppDatabase) {}

  save(recordingId: number, transcriptHash: string, q: TranscriptQuality): void {
    this.db.timed('transcriptQuality.save', () => {
      this.db.orm.insert(transcriptQuality).values({ recordingId, transcriptHash, score: q.score, body: q })
        .onConflictDoUpdate({ target: transcriptQuality.recordingId, set: { transcriptHash, score: q.score, body: q, computedAt: new Date().toISOString() } })
        .run();
    });
  }

  saveFindings(recordingId: number, findings: { piiFound: boolean }): void {
    this.db.timed('transcriptQuality.saveFindings', () => {
      this.db.orm.insert(transcriptFindings).values({ recordingId, ...findings })
        .onConflictDoUpdate({ target: transcriptFindings.recordingId, set: findings }).run();
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
