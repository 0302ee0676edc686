import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { recordings } from './recordings.js';

/**
 * One row per recording with everything the Calls list filters and sorts on, in ONE table so every
 * sort has its own index and a page of 50 is an index walk, not a join + sort of 50,000 rows.
 *
 * It is derived data with one owner: the call projection (main/domains/calls/call-projection.ts)
 * computes it from the call's sources and writes it in the transaction of every source change.
 */
export const callSummary = sqliteTable(
  'call_summary',
  {
    recordingId: integer('recording_id')
      .primaryKey()
      .references(() => recordings.id, { onDelete: 'cascade' }),
    /** call_time when known, else the import time: the "Date" column. */
    callAt: text('call_at').notNull(),
    agent: text('agent'),
    queue: text('queue'),
    durationSec: real('duration_sec').notNull().default(0),
    /** Pipeline state in words: imported | queued | processing | waiting | failed | cancelled | done. */
    status: text('status').notNull().default('imported'),
    analysisId: integer('analysis_id'),
    scorePct: real('score_pct'),
    autoFailed: integer('auto_failed', { mode: 'boolean' }).notNull().default(false),
    /** Customer sentiment at the end of the call. */
    sentiment: text('sentiment'),
    /** -1 negative, 0 neutral, 1 positive: sortable. */
    sentimentRank: integer('sentiment_rank'),
    outcome: text('outcome'),
    callReason: text('call_reason'),
    /** Set exactly when complianceReasons (preload/contract/schemas/flags.ts) is not empty (the call projection). */
    flagCompliance: integer('flag_compliance', { mode: 'boolean' }).notNull().default(false),
    /** Those reasons (JSON array of sentences), for the list's hover and the call page. */
    complianceReasons: text('compliance_reasons', { mode: 'json' }).$type<string[]>(),
    flagPii: integer('flag_pii', { mode: 'boolean' }).notNull().default(false),
    flagEscalation: integer('flag_escalation', { mode: 'boolean' }).notNull().default(false),
    /** 0–100 transcript quality score (main/analytics/transcript-quality.ts), set by the index step. */
    transcriptQuality: real('transcript_quality'),
    /** AI answers of the current analysis with no verified evidence, and model quotes not in the call. */
    unsupportedAnswers: integer('unsupported_answers').notNull().default(0),
    quotesNotFound: integer('quotes_not_found').notNull().default(0),
    /**
     * The AI's result needs a person before it counts (low transcript quality; unsupported answers when
     * CCA_UNSUPPORTED_ANSWERS=needs_review): `needsReview` (review-policy.ts); "awaiting review" is
     * this and reviewed_at IS NULL.
     */
    needsReview: integer('needs_review', { mode: 'boolean' }).notNull().default(false),
    /** Transcription + analysis cost. */
    costUsd: real('cost_usd'),
    analyzedAt: text('analyzed_at'),
    reviewedAt: text('reviewed_at'),
    reviewedBy: text('reviewed_by'),
    updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    // One index per sortable column, each ending with the id so ties page deterministically.
    index('call_summary_call_at_idx').on(t.callAt, t.recordingId),
    index('call_summary_agent_idx').on(t.agent, t.callAt, t.recordingId),
    index('call_summary_queue_idx').on(t.queue, t.callAt, t.recordingId),
    index('call_summary_duration_idx').on(t.durationSec, t.recordingId),
    index('call_summary_status_idx').on(t.status, t.callAt, t.recordingId),
    // needs_review and reviewed_at ride along so the Dashboard's final-score figures stay index-only.
    index('call_summary_score_idx').on(t.scorePct, t.recordingId, t.needsReview, t.reviewedAt),
    index('call_summary_sentiment_idx').on(t.sentimentRank, t.recordingId),
    // Dashboard: outcomes/reasons/cost per day group over these without touching the JSON bodies.
    index('call_summary_analyzed_idx').on(t.analyzedAt),
    index('call_summary_quality_idx').on(t.transcriptQuality, t.recordingId),
  ],
);

/**
 * One row per scorecard criterion of a recording's current analysis (written by the call projection),
 * so the dashboard's per-criterion pass and override rates are a GROUP BY over an index instead of
 * parsing 50,000 JSON bodies. `finalAnswer` differs from `aiAnswer` when a reviewer overrode it.
 */
export const callCriteria = sqliteTable(
  'call_criteria',
  {
    recordingId: integer('recording_id')
      .notNull()
      .references(() => recordings.id, { onDelete: 'cascade' }),
    criterionId: text('criterion_id').notNull(),
    section: text('section').notNull().default(''),
    question: text('question').notNull().default(''),
    aiAnswer: text('ai_answer').notNull(),
    finalAnswer: text('final_answer').notNull(),
    /** 1 passed, 0 failed, null N/A (from the final answer). */
    passed: integer('passed'),
    overridden: integer('overridden', { mode: 'boolean' }).notNull().default(false),
    /** AI answers: evidence | absence_claim | unsupported (set by the index step); null for rules and N/A. */
    support: text('support'),
  },
  (t) => [
    primaryKey({ columns: [t.recordingId, t.criterionId] }),
    // Covers the per-criterion GROUP BYs (pass rate, override rate, support) without touching the rows.
    index('call_criteria_criterion_idx').on(t.criterionId, t.passed, t.overridden, t.support),
  ],
);

/**
 * The transcript quality of a recording's current transcript, with its parts (what lowered it), as the
 * index step computed it. call_summary.transcript_quality copies the score for the list and filters.
 */
export const transcriptQuality = sqliteTable('transcript_quality', {
  recordingId: integer('recording_id')
    .primaryKey()
    .references(() => recordings.id, { onDelete: 'cascade' }),
  transcriptHash: text('transcript_hash').notNull(),
  score: real('score').notNull(),
  body: text('body', { mode: 'json' }).notNull(),
  computedAt: text('computed_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

export type CallSummaryRow = typeof callSummary.$inferSelect;

/**
 * What the index step found in a recording's transcript that is too costly to recompute on every
 * change (the personal-data detector): a source of the call projection (main/domains/calls).
 */
export const transcriptFindings = sqliteTable('transcript_findings', {
  recordingId: integer('recording_id')
    .primaryKey()
    .references(() => recordings.id, { onDelete: 'cascade' }),
  piiFound: integer('pii_found', { mode: 'boolean' }).notNull().default(false),
});
