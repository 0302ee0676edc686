import type { AppDatabase } from '../open.js';
import type { NewRecordingRow, RecordingRow } from '../schema/index.js';
import { TimedStatements } from '../statement-cache.js';
import { Columns, NOW_SQL } from './columns.js';

export interface RecordingFilters {
  status?: string;
  agent?: string;
  queue?: string;
  q?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export type MetadataColumns = Pick<
  NewRecordingRow,
  'agent' | 'customer' | 'account' | 'queue' | 'campaign' | 'callTime' | 'direction' | 'externalCallId'
>;
const METADATA_KEYS = ['agent', 'customer', 'account', 'queue', 'campaign', 'callTime', 'direction', 'externalCallId'] as const satisfies readonly (keyof MetadataColumns)[];

/** LIKE with the user's text taken literally (% and _ escaped). */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const recordings = new Columns<RecordingRow>({
  id: 'id', sha256: 'sha256', fileName: 'file_name', originalPath: 'original_path', audioPath: 'audio_path', sizeBytes: 'size_bytes',
  durationSec: 'duration_sec', channels: 'channels', sampleRate: 'sample_rate', codec: 'codec', container: 'container', bitRate: 'bit_rate',
  stereoSplit: ['stereo_split', 'bool'], status: 'status', agent: 'agent', customer: 'customer', account: 'account', queue: 'queue',
  campaign: 'campaign', callTime: 'call_time', direction: 'direction', externalCallId: 'external_call_id',
  metadataSources: ['metadata_sources', 'json'], importedAt: 'imported_at', updatedAt: 'updated_at',
});
/** The stored row, as an insert or update returns it (`status` is the value at import). */
const COLUMNS = recordings.select();

/**
 * A recording's status is its call's pipeline status, kept in call_summary by the call projection (one
 * definition, shared with the Calls list and every export); `recordings.status` is only the value at
 * import, used until the call has a summary row.
 */
const CALL_STATUS = 'coalesce((SELECT cs.status FROM call_summary cs WHERE cs.recording_id = recordings.id), recordings.status)';
/** The row as reads show it: every column, with the call's status in place of the stored one. */
const WITH_CALL_STATUS = recordings.select({ status: CALL_STATUS });

/**
 * All SQL about recordings. Statements prepared once, named parameters, every one timed
 * (TimedStatements); reads use the writer, like every write (a read inside an import's transaction
 * sees it).
 */
export class RecordingsDao {
  private readonly stmts: TimedStatements;

  constructor(private readonly db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'recordings');
  }

  /** Run fn in one write transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.sqlite.transaction(fn)();
  }

  findBySha(sha256: string): Pick<RecordingRow, 'id' | 'fileName' | 'audioPath'> | undefined {
    return this.stmts.run('findBySha', 'SELECT id, file_name AS fileName, audio_path AS audioPath FROM recordings WHERE sha256 = @sha256',
      (s) => s.get({ sha256 }) as Pick<RecordingRow, 'id' | 'fileName' | 'audioPath'> | undefined);
  }

  /** Insert, or return the existing row's id when the content is already there (a concurrent import won). */
  insert(row: NewRecordingRow): { id: number; created: boolean } {
    const { sql, params } = recordings.insert('recordings', row);
    return this.stmts.runMany('insert', (prepare) => {
      const inserted = prepare(`${sql} ON CONFLICT(sha256) DO NOTHING RETURNING id`).get(params) as { id: number } | undefined;
      if (inserted) return { id: inserted.id, created: true };
      const existing = prepare('SELECT id FROM recordings WHERE sha256 = @sha256').get({ sha256: row.sha256 }) as { id: number } | undefined;
      return { id: existing!.id, created: false };
    });
  }

  get(id: number): RecordingRow | undefined {
    return this.stmts.run('get', `SELECT ${WITH_CALL_STATUS} FROM recordings WHERE id = @id`, (s) => recordings.maybe(s.get({ id })));
  }

  list(f: RecordingFilters): { rows: RecordingRow[]; total: number } {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: f.limit, offset: f.offset };
    const add = (sql: string, name: string, value: string) => {
      where.push(sql);
      params[name] = value;
    };
    if (f.status) add(`${CALL_STATUS} = @status`, 'status', f.status);
    if (f.agent) add('agent = @agent', 'agent', f.agent);
    if (f.queue) add('queue = @queue', 'queue', f.queue);
    if (f.from) add('call_time >= @from', 'from', f.from);
    // An inclusive end date: "2024-05-02" must include "2024-05-02T17:30".
    if (f.to) add('call_time <= @to', 'to', `${f.to}\uffff`);
    if (f.q) {
      const like = (col: string) => `${col} LIKE @q ESCAPE '\\'`;
      add(`(${['file_name', 'agent', 'customer', 'external_call_id'].map(like).join(' OR ')})`, 'q', contains(f.q));
    }
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return this.stmts.runMany('list', (prepare) => {
      const rows = prepare(`SELECT ${WITH_CALL_STATUS} FROM recordings ${cond} ORDER BY imported_at DESC, id DESC LIMIT @limit OFFSET @offset`)
        .all(params).map((r) => recordings.decode(r));
      const total = (prepare(`SELECT count(*) AS n FROM recordings ${cond}`).get(params) as { n: number } | undefined)?.n ?? 0;
      return { rows, total };
    });
  }

  updateMetadata(id: number, values: MetadataColumns, sources: Record<string, string>): RecordingRow | undefined {
    const { keys, params } = recordings.defined({ ...values, metadataSources: sources }, [...METADATA_KEYS, 'metadataSources']);
    return this.stmts.run('updateMetadata', `UPDATE recordings SET ${recordings.assign(keys)}, updated_at = ${NOW_SQL} WHERE id = @id RETURNING ${COLUMNS}`,
      (s) => recordings.maybe(s.get({ ...params, id })));
  }
}
