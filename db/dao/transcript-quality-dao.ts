import type { TranscriptQuality } from '../../preload/contract/schemas/local-analytics.js';
import type { AppDatabase } from '../open.js';
import { TimedStatements } from '../statement-cache.js';

/**
 * What the index step learnt from each recording's transcript: its quality, and whether it holds
 * personal data. Statements prepared once, named parameters, every one timed (TimedStatements).
 */
export class TranscriptQualityDao {
  private readonly stmts: TimedStatements;

  constructor(db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'transcriptQuality');
  }

  save(recordingId: number, transcriptHash: string, q: TranscriptQuality): void {
    this.stmts.run('save', `INSERT INTO transcript_quality (recording_id, transcript_hash, score, body) VALUES (@recordingId, @transcriptHash, @score, @body)
        ON CONFLICT(recording_id) DO UPDATE SET transcript_hash = @transcriptHash, score = @score, body = @body, computed_at = @computedAt`,
    (s) => s.run({ recordingId, transcriptHash, score: q.score, body: JSON.stringify(q), computedAt: new Date().toISOString() }));
  }

  saveFindings(recordingId: number, findings: { piiFound: boolean }): void {
    this.stmts.run('saveFindings', `INSERT INTO transcript_findings (recording_id, pii_found) VALUES (@recordingId, @piiFound)
        ON CONFLICT(recording_id) DO UPDATE SET pii_found = @piiFound`, (s) => s.run({ recordingId, piiFound: findings.piiFound ? 1 : 0 }));
  }

  /** The quality of the transcript with this hash (null when it was computed for an older transcript). */
  get(recordingId: number, transcriptHash: string): TranscriptQuality | null {
    return this.stmts.run('get', 'SELECT transcript_hash AS transcriptHash, body FROM transcript_quality WHERE recording_id = @recordingId', (s) => {
      const row = s.get({ recordingId }) as { transcriptHash: string; body: string } | undefined;
      return row && row.transcriptHash === transcriptHash ? (JSON.parse(row.body) as TranscriptQuality) : null;
    });
  }
}
