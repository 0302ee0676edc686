import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One imported call recording: the file facts (from probing), where the audio lives, and the call's
 * metadata (from the file name pattern, a sidecar CSV/XLSX, or the reviewer).
 */
export const recordings = sqliteTable(
  'recordings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sha256: text('sha256').notNull().unique(),
    fileName: text('file_name').notNull(),
    originalPath: text('original_path'),
    /** Absolute path of the audio the app reads: the library copy, or the original in reference mode. */
    audioPath: text('audio_path').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    durationSec: real('duration_sec').notNull(),
    channels: integer('channels').notNull(),
    sampleRate: integer('sample_rate').notNull(),
    codec: text('codec').notNull(),
    container: text('container').notNull(),
    bitRate: integer('bit_rate'),
    /** Stereo recordings are possibly agent/customer split by channel (left = agent). */
    stereoSplit: integer('stereo_split', { mode: 'boolean' }).notNull().default(false),
    status: text('status').notNull().default('imported'),
    agent: text('agent'),
    customer: text('customer'),
    account: text('account'),
    queue: text('queue'),
    campaign: text('campaign'),
    callTime: text('call_time'),
    direction: text('direction'),
    externalCallId: text('external_call_id'),
    /** Where each metadata field came from: {"agent":"filename","queue":"sidecar",...}. */
    metadataSources: text('metadata_sources', { mode: 'json' }).$type<Record<string, string>>().notNull().default({}),
    importedAt: text('imported_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    index('recordings_imported_at_idx').on(t.importedAt),
    index('recordings_call_time_idx').on(t.callTime),
    index('recordings_agent_idx').on(t.agent, t.callTime),
    index('recordings_status_idx').on(t.status),
  ],
);

export type RecordingRow = typeof recordings.$inferSelect;
export type NewRecordingRow = typeof recordings.$inferInsert;
