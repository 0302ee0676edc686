import type { AppDatabase } from '../open.js';
import type { NewTranscriptRow, TranscriptRow } from '../schema/index.js';
import { TimedStatements } from '../statement-cache.js';
import { Columns, NOW_SQL } from './columns.js';

const transcripts = new Columns<TranscriptRow>({
  id: 'id', recordingId: 'recording_id', provider: 'provider', model: 'model', requestId: 'request_id', audioSec: 'audio_sec', costUsd: 'cost_usd',
  usage: ['usage', 'json'], language: 'language', contentHash: 'content_hash', body: ['body', 'json'], createdAt: 'created_at', updatedAt: 'updated_at',
});
const COLUMNS = transcripts.select();

/**
 * All SQL about transcripts (one per recording). Statements prepared once, named parameters, every
 * one timed (TimedStatements).
 */
export class TranscriptsDao {
  private readonly stmts: TimedStatements;

  constructor(private readonly db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'transcripts');
  }

  /** Run fn in one write transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.sqlite.transaction(fn)();
  }

  get(recordingId: number): TranscriptRow | undefined {
    return this.stmts.run('get', `SELECT ${COLUMNS} FROM transcripts WHERE recording_id = @recordingId`, (s) => transcripts.maybe(s.get({ recordingId })));
  }

  exists(recordingId: number): boolean {
    return this.stmts.run('exists', 'SELECT id FROM transcripts WHERE recording_id = @recordingId', (s) => s.get({ recordingId }) !== undefined);
  }

  /**
   * Insert or replace the recording's transcript (re-transcription overwrites). A column the row leaves
   * undefined takes its default on insert and keeps its value on replace.
   */
  upsert(row: NewTranscriptRow): TranscriptRow {
    const { sql, keys, params } = transcripts.insert('transcripts', row);
    const set = [transcripts.assign(keys.filter((k) => k !== 'recordingId' && k !== 'updatedAt')), `updated_at = ${NOW_SQL}`].filter(Boolean).join(', ');
    return this.stmts.run('upsert', `${sql} ON CONFLICT(recording_id) DO UPDATE SET ${set} RETURNING ${COLUMNS}`, (s) => transcripts.decode(s.get(params)));
  }

  updateBody(recordingId: number, body: TranscriptRow['body'], contentHash: string): TranscriptRow | undefined {
    return this.stmts.run('updateBody', `UPDATE transcripts SET body = @body, content_hash = @contentHash, updated_at = ${NOW_SQL} WHERE recording_id = @recordingId RETURNING ${COLUMNS}`,
      (s) => transcripts.maybe(s.get({ recordingId, body: transcripts.encode('body', body), contentHash })));
  }
}
