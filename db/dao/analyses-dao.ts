import type { AppDatabase } from '../open.js';
import type { AnalysisRow, NewAnalysisRow } from '../schema/index.js';
import { TimedStatements } from '../statement-cache.js';
import { Columns } from './columns.js';

export interface AnalysisKey {
  transcriptHash: string;
  rubricId: number;
  rubricVersion: number;
  model: string;
  promptVersion: string;
}

const analyses = new Columns<AnalysisRow>({
  id: 'id', recordingId: 'recording_id', transcriptHash: 'transcript_hash', rubricId: 'rubric_id', rubricVersion: 'rubric_version', model: 'model',
  promptVersion: 'prompt_version', scorePct: 'score_pct', autoFailed: ['auto_failed', 'bool'], inputTokens: 'input_tokens', outputTokens: 'output_tokens',
  costUsd: 'cost_usd', requestIds: ['request_ids', 'json'], body: ['body', 'json'], createdAt: 'created_at',
});
const COLUMNS = analyses.select();
const KEY_MATCHES = 'transcript_hash = @transcriptHash AND rubric_id = @rubricId AND rubric_version = @rubricVersion AND model = @model AND prompt_version = @promptVersion';
const keyParams = (k: AnalysisKey) => ({ transcriptHash: k.transcriptHash, rubricId: k.rubricId, rubricVersion: k.rubricVersion, model: k.model, promptVersion: k.promptVersion });

/**
 * All SQL about analyses. The newest row of a recording is its current analysis. Statements prepared
 * once, named parameters, every one timed (TimedStatements).
 */
export class AnalysesDao {
  private readonly stmts: TimedStatements;

  constructor(private readonly db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'analyses');
  }

  latest(recordingId: number): AnalysisRow | undefined {
    return this.stmts.run('latest', `SELECT ${COLUMNS} FROM analyses WHERE recording_id = @recordingId ORDER BY id DESC LIMIT 1`,
      (s) => analyses.maybe(s.get({ recordingId })));
  }

  /** A stored analysis with this exact key: for this recording first, else any recording (same audio). */
  findByKey(key: AnalysisKey, recordingId: number): AnalysisRow | undefined {
    return this.stmts.run('findByKey', `SELECT ${COLUMNS} FROM analyses WHERE ${KEY_MATCHES} ORDER BY id DESC LIMIT 20`, (s) => {
      const rows = s.all(keyParams(key)).map((r) => analyses.decode(r));
      return rows.find((r) => r.recordingId === recordingId) ?? rows[0];
    });
  }

  /** Insert; an identical key for the same recording (a concurrent run) keeps the first row. */
  insert(row: NewAnalysisRow): AnalysisRow {
    const { sql, params } = analyses.insert('analyses', row);
    return this.stmts.run('insert', `${sql} ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`, (s) =>
      analyses.maybe(s.get(params)) ?? this.findByKey({ ...row, promptVersion: row.promptVersion }, row.recordingId)!);
  }

  /** Make an existing analysis the newest again (cache hit on an older key): re-insert as a copy. */
  touch(row: AnalysisRow, recordingId: number): AnalysisRow {
    const { id: _id, createdAt: _c, ...copy } = row;
    const { sql, params } = analyses.insert('analyses', { ...copy, recordingId });
    return this.stmts.runMany('touch', (prepare) =>
      this.db.sqlite.transaction(() => {
        prepare(`DELETE FROM analyses WHERE recording_id = @recordingId AND ${KEY_MATCHES}`).run({ recordingId, ...keyParams(row) });
        return analyses.decode(prepare(`${sql} RETURNING ${COLUMNS}`).get(params));
      })(),
    );
  }
}
