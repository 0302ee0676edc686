import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { recordings } from './recordings.js';

/**
 * One row per import batch that brought in at least one recording, with the cost and time estimate
 * made when the batch was in and before any provider step ran (main/domains/estimates). The System
 * view sets it beside what the batch really cost (the egress ledger) and took (its jobs).
 */
export const importBatches = sqliteTable(
  'import_batches',
  {
    id: text('id').primaryKey(),
    createdAt: integer('created_at').notNull(),
    /** Files given (imported, duplicate and failed). */
    files: integer('files').notNull(),
    /** The CostEstimate as JSON (preload/contract/schemas/estimates.ts). */
    estimate: text('estimate', { mode: 'json' }).notNull(),
  },
  (t) => [index('import_batches_created_idx').on(t.createdAt)],
);

export const importBatchRecordings = sqliteTable(
  'import_batch_recordings',
  {
    batchId: text('batch_id').notNull().references(() => importBatches.id, { onDelete: 'cascade' }),
    recordingId: integer('recording_id').notNull().references(() => recordings.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.recordingId] }), index('import_batch_recordings_recording_idx').on(t.recordingId)],
);

/**
 * Files an import could not bring in (not duplicates), one row each, kept per batch until the reviewer
 * dismisses them: the Import view lists them after a reload or a restart. The batch id is the one the
 * import was given (a batch that imported nothing has no import_batches row, so no foreign key).
 */
export const importFailures = sqliteTable(
  'import_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: text('batch_id').notNull(),
    createdAt: integer('created_at').notNull(),
    fileName: text('file_name').notNull(),
    /** The dropped file's path (desktop, server folders); null for uploads. */
    sourcePath: text('source_path'),
    /** An ErrorCategory (preload/contract/errors.ts). */
    category: text('category').notNull(),
    message: text('message').notNull(),
    hint: text('hint').notNull(),
  },
  (t) => [index('import_failures_batch_idx').on(t.batchId, t.id)],
);
