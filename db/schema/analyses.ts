import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { CallAnalysis } from '../../preload/contract/schemas/analysis.js';
import { recordings } from './recordings.js';
import { rubrics } from './rubrics.js';

/**
 * One analysis of one recording's transcript against one rubric version with one model and prompt
 * version. Those five facts are the cache key: asking again with nothing changed finds the row and
 * makes no provider call. A recording keeps its earlier analyses; the newest is the current one.
 */
export const analyses = sqliteTable(
  'analyses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recordingId: integer('recording_id')
      .notNull()
      .references(() => recordings.id, { onDelete: 'cascade' }),
    transcriptHash: text('transcript_hash').notNull(),
    rubricId: integer('rubric_id')
      .notNull()
      .references(() => rubrics.id, { onDelete: 'restrict' }),
    rubricVersion: integer('rubric_version').notNull(),
    model: text('model').notNull(),
    promptVersion: text('prompt_version').notNull(),
    /** Weighted total 0..100 computed by the app (null when every criterion was N/A). */
    scorePct: real('score_pct'),
    autoFailed: integer('auto_failed', { mode: 'boolean' }).notNull().default(false),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    costUsd: real('cost_usd'),
    requestIds: text('request_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    body: text('body', { mode: 'json' }).$type<CallAnalysis>().notNull(),
    createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    uniqueIndex('analyses_cache_uq').on(t.recordingId, t.transcriptHash, t.rubricId, t.rubricVersion, t.model, t.promptVersion),
    // Cache lookups across recordings (the same call imported twice analyses once).
    index('analyses_key_idx').on(t.transcriptHash, t.rubricId, t.rubricVersion, t.model, t.promptVersion),
    index('analyses_recording_idx').on(t.recordingId, t.id),
  ],
);

export type AnalysisRow = typeof analyses.$inferSelect;
export type NewAnalysisRow = typeof analyses.$inferInsert;
