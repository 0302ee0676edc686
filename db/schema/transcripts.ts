import { sql } from 'drizzle-orm';
import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import { recordings } from './recordings.js';

/**
 * The transcript of one recording (one row per recording: re-transcribing replaces it). The body is the
 * normalized transcript as JSON; the columns beside it are what the queue, reports and the cost view
 * read without parsing it. `contentHash` hashes what analysis sees (speakers, roles, times, text), so an
 * analysis cached for it is still valid exactly while the hash is unchanged.
 */
export const transcripts = sqliteTable('transcripts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  recordingId: integer('recording_id')
    .notNull()
    .unique()
    .references(() => recordings.id, { onDelete: 'cascade' }),
  provider: text('provider').notNull(),
  model: text('model').notNull(),
  /** Provider request id(s), comma-separated when a long file was sent in chunks. */
  requestId: text('request_id'),
  audioSec: real('audio_sec').notNull(),
  costUsd: real('cost_usd'),
  /** Billing units as the provider reported them (tokens or seconds). */
  usage: text('usage', { mode: 'json' }).$type<Record<string, number>>().notNull().default({}),
  language: text('language'),
  contentHash: text('content_hash').notNull(),
  body: text('body', { mode: 'json' }).$type<NormalizedTranscript>().notNull(),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

export type TranscriptRow = typeof transcripts.$inferSelect;
export type NewTranscriptRow = typeof transcripts.$inferInsert;
