import { and, count, desc, eq, getTableColumns, gte, lte, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../open.js';
import { recordings, type NewRecordingRow, type RecordingRow } from '../schema/index.js';

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

/** LIKE with the user's text taken literally (% and _ escaped). */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** All SQL about recordings. Reads that list go to a read connection; writes to the writer. */
/**
 * A recording's status is its call's pipeline status, kept in call_summary by the call projection (one
 * definition, shared with the Calls list and every export); `recordings.status` is only the value at
 * import, used until the call has a summary row.
 */
const callStatus = sql<string>`coalesce((SELECT cs.status FROM call_summary cs WHERE cs.recording_id = ${recordings.id}), ${recordings.status})`;
const withCallStatus = { ...getTableColumns(recordings), status: callStatus };

export class RecordingsDao {
  constructor(private readonly db: AppDatabase) {}

  /** Run fn in one write transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.sqlite.transaction(fn)();
  }

  findBySha(sha256: string): Pick<RecordingRow, 'id' | 'fileName' | 'audioPath'> | undefined {
    return this.db.timed('recordings.findBySha', () =>
      this.db.orm
        .select({ id: recordings.id, fileName: recordings.fileName, audioPath: recordings.audioPath })
        .from(recordings)
        .where(eq(recordings.sha256, sha256))
        .get(),
    );
  }

  /** Insert, or return the existing row's id when the content is already there (a concurrent import won). */
  insert(row: NewRecordingRow): { id: number; created: boolean } {
    return this.db.timed('recordings.insert', () => {
      const inserted = this.db.orm
        .insert(recordings)
        .values(row)
        .onConflictDoNothing({ target: recordings.sha256 })
        .returning({ id: recordings.id })
        .get();
      if (inserted) return { id: inserted.id, created: true };
      const existing = this.db.orm.select({ id: recordings.id }).from(recordings).where(eq(recordings.sha256, row.sha256)).get();
      return { id: existing!.id, created: false };
    });
  }

  get(id: number): RecordingRow | undefined {
    return this.db.timed('recordings.get', () => this.db.orm.select(withCallStatus).from(recordings).where(eq(recordings.id, id)).get());
  }

  list(f: RecordingFilters): { rows: RecordingRow[]; total: number } {
    const where: SQL[] = [];
    if (f.status) where.push(eq(callStatus, f.status));
    if (f.agent) where.push(eq(recordings.agent, f.agent));
    if (f.queue) where.push(eq(recordings.queue, f.queue));
    if (f.from) where.push(gte(recordings.callTime, f.from));
    // An inclusive end date: "2024-05-02" must include "2024-05-02T17:30".
    if (f.to) where.push(lte(recordings.callTime, `${f.to}\uffff`));
    if (f.q) {
      const pattern = contains(f.q);
      const esc = (col: Column) => sql`${col} LIKE ${pattern} ESCAPE '\\'`;
      where.push(or(esc(recordings.fileName), esc(recordings.agent), esc(recordings.customer), esc(recordings.externalCallId))!);
    }
    const cond = where.length ? and(...where) : undefined;
    return this.db.timed('recordings.list', () => {
      const rows = this.db.orm
        .select(withCallStatus)
        .from(recordings)
        .where(cond)
        .orderBy(desc(recordings.importedAt), desc(recordings.id))
        .limit(f.limit)
        .offset(f.offset)
        .all();
      const total = this.db.orm.select({ n: count() }).from(recordings).where(cond).get()?.n ?? 0;
      return { rows, total };
    });
  }

  updateMetadata(id: number, values: MetadataColumns, sources: Record<string, string>): RecordingRow | undefined {
    return this.db.timed('recordings.updateMetadata', () =>
      this.db.orm
        .update(recordings)
        .set({ ...values, metadataSources: sources, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
        .where(eq(recordings.id, id))
        .returning()
        .get(),
    );
  }
}
