import type { ErrorCategory } from '../../preload/contract/errors.js';
import type { AppDatabase } from '../open.js';

export interface ImportFailureRow {
  id: number;
  batchId: string;
  createdAt: number;
  fileName: string;
  sourcePath: string | null;
  category: ErrorCategory;
  message: string;
  hint: string;
}

/** Failed files of import batches, kept until the reviewer dismisses them (import_failures). */
export class ImportFailuresDao {
  constructor(private readonly db: AppDatabase) {}

  record(batchId: string, createdAt: number, failures: readonly { fileName: string; sourcePath?: string; category: ErrorCategory; message: string; hint: string }[]): void {
    if (!failures.length) return;
    this.db.timed('importFailures.record', () =>
      this.db.sqlite.transaction(() => {
        const insert = this.db.sqlite.prepare(`INSERT INTO import_failures (batch_id, created_at, file_name, source_path, category, message, hint)
                                               VALUES (@batchId, @createdAt, @fileName, @sourcePath, @category, @message, @hint)`);
        for (const f of failures) insert.run({ batchId, createdAt, fileName: f.fileName, sourcePath: f.sourcePath ?? null, category: f.category, message: f.message, hint: f.hint });
      }).immediate(),
    );
  }

  /** Every kept failure, batch by batch in the order they came in. */
  list(): ImportFailureRow[] {
    return this.db.timed('importFailures.list', () =>
      this.db.reader()
        .prepare(`SELECT id, batch_id AS batchId, created_at AS createdAt, file_name AS fileName, source_path AS sourcePath, category, message, hint
                  FROM import_failures ORDER BY id`)
        .all() as ImportFailureRow[]);
  }

  /** Removes these ids, or a batch's, or (neither) all; answers how many went. */
  dismiss(sel: { ids?: readonly number[]; batchId?: string }): number {
    return this.db.timed('importFailures.dismiss', () => {
      const where: string[] = [];
      if (sel.ids) where.push('id IN (SELECT value FROM json_each(@ids))');
      if (sel.batchId !== undefined) where.push('batch_id = @batchId');
      return this.db.sqlite
        .prepare(`DELETE FROM import_failures ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`)
        .run({ ids: JSON.stringify(sel.ids ?? []), batchId: sel.batchId ?? null }).changes;
    });
  }
}
