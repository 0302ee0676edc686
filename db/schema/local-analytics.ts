import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { AudioMetrics, Waveform } from '../../preload/contract/schemas/audio-metrics.js';
import type { ConversationMetricsView, SegmentSentimentView } from '../../preload/contract/schemas/local-analytics.js';
import type { Evidence } from '../../preload/contract/schemas/rules.js';
import { recordings } from './recordings.js';

/**
 * Offline analytics (issue 6): what the workstation computes without any provider. Two independent
 * inputs, so two keys: audio metrics depend only on the audio (keyed by its sha256, computed once),
 * everything transcript-based depends on the transcript (keyed by its content hash + algorithm
 * version, so an edited or re-imported transcript recomputes and an unchanged one never does).
 */

/** One row per recording. The waveform sits in its own column: the metrics API never loads it. */
export const audioMetrics = sqliteTable('audio_metrics', {
  recordingId: integer('recording_id')
    .primaryKey()
    .references(() => recordings.id, { onDelete: 'cascade' }),
  audioSha256: text('audio_sha256').notNull(),
  version: integer('version').notNull(),
  /** AudioMetrics without `waveform`. */
  body: text('body', { mode: 'json' }).$type<Omit<AudioMetrics, 'waveform'>>().notNull(),
  waveform: text('waveform', { mode: 'json' }).$type<Waveform>().notNull(),
  computeMs: integer('compute_ms'),
  computedAt: text('computed_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/** Transcript-based results that are read as a whole (conversation metrics, segment sentiment). */
export const localAnalyses = sqliteTable('local_analyses', {
  recordingId: integer('recording_id')
    .primaryKey()
    .references(() => recordings.id, { onDelete: 'cascade' }),
  transcriptHash: text('transcript_hash').notNull(),
  version: integer('version').notNull(),
  conversation: text('conversation', { mode: 'json' }).$type<ConversationMetricsView>().notNull(),
  sentiment: text('sentiment', { mode: 'json' }).$type<SegmentSentimentView>().notNull(),
  piiCount: integer('pii_count').notNull(),
  rulesFailed: integer('rules_failed').notNull(),
  computeMs: integer('compute_ms'),
  computedAt: text('computed_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/** PII findings as rows, so "calls where a card number was said" is one indexed query. */
export const piiFindings = sqliteTable(
  'pii_findings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recordingId: integer('recording_id')
      .notNull()
      .references(() => recordings.id, { onDelete: 'cascade' }),
    category: text('category').notNull(),
    text: text('text').notNull(),
    segmentIndex: integer('segment_index').notNull(),
    charStart: integer('char_start').notNull(),
    charEnd: integer('char_end').notNull(),
    startSec: real('start_sec').notNull(),
    endSec: real('end_sec').notNull(),
    confidence: real('confidence').notNull(),
  },
  (t) => [index('pii_findings_recording_idx').on(t.recordingId, t.startSec), index('pii_findings_category_idx').on(t.category, t.recordingId)],
);

/** Rule results as rows (one per criterion), for the scorecard and "which calls failed disclosure". */
export const ruleResults = sqliteTable(
  'rule_results',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recordingId: integer('recording_id')
      .notNull()
      .references(() => recordings.id, { onDelete: 'cascade' }),
    criterionId: text('criterion_id').notNull(),
    answer: text('answer', { enum: ['yes', 'no', 'n/a'] }).notNull(),
    passed: integer('passed', { mode: 'boolean' }).notNull(),
    rationale: text('rationale').notNull(),
    evidence: text('evidence', { mode: 'json' }).$type<Evidence[]>().notNull(),
  },
  (t) => [index('rule_results_recording_idx').on(t.recordingId), index('rule_results_criterion_idx').on(t.criterionId, t.passed)],
);

export type AudioMetricsRow = typeof audioMetrics.$inferSelect;
export type LocalAnalysisRow = typeof localAnalyses.$inferSelect;
export type PiiFindingRow = typeof piiFindings.$inferSelect;
export type RuleResultRow = typeof ruleResults.$inferSelect;
