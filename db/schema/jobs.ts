import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { recordings } from './recordings.js';

/**
 * One step of one recording's pipeline (probe, transcribe, analyze, metrics, index). The queue's whole
 * state lives here so a crash, a sleep or a restart loses nothing: a worker claims a row by setting
 * state=running with a lease (owner + expiry) and a new fencing token; it may only complete or fail
 * the row while the token is still the one it got (compare-and-swap), so a worker whose lease was
 * reclaimed can never overwrite the newer attempt. Times are epoch milliseconds (cheap comparisons in
 * the claim query, no string parsing).
 */
export const jobs = sqliteTable(
  'jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recordingId: integer('recording_id')
      .notNull()
      .references(() => recordings.id, { onDelete: 'cascade' }),
    step: text('step').notNull(),
    /** queued | running | waiting_retry | waiting_network | waiting_config | paused | done | failed | cancelled */
    state: text('state').notNull().default('queued'),
    /** Higher runs first; the reviewer can bump a recording to the front. */
    priority: integer('priority').notNull().default(0),
    /** Attempts started (counted at claim, so a step that crashes the app every time still ends). */
    attempts: integer('attempts').notNull().default(0),
    /** Not claimable before this time (retry backoff, Retry-After). */
    nextRunAt: integer('next_run_at').notNull().default(0),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: integer('lease_expires_at'),
    /** Fencing token: incremented on every claim and on cancel; complete/fail compare it. */
    fencingToken: integer('fencing_token').notNull().default(0),
    /** Set by "re-run": run even if the step's output already exists (cleared when done). */
    force: integer('force', { mode: 'boolean' }).notNull().default(false),
    /** 0..1 while running, when the step knows it. */
    progress: real('progress'),
    /** Why the job is failed / waiting (category from the shared error list). */
    errorCategory: text('error_category'),
    errorMessage: text('error_message'),
    errorHint: text('error_hint'),
    /** W3C traceparent of the recording's pipeline trace (null with tracing off): a step claimed later, by any process, continues it. */
    traceParent: text('trace_parent'),
    costUsd: real('cost_usd'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    /** Wall time of the successful attempt. */
    durationMs: integer('duration_ms'),
  },
  (t) => [
    uniqueIndex('jobs_recording_step_uq').on(t.recordingId, t.step),
    // The claim query: state + step equality, then exactly its ORDER BY (priority DESC, next_run_at,
    // rowid), so picking the next job reads the first index entries instead of sorting the backlog.
    index('jobs_claim_idx').on(t.state, t.step, sql`${t.priority} DESC`, t.nextRunAt),
    index('jobs_lease_idx').on(t.state, t.leaseExpiresAt),
  ],
);

/** Queue-wide switches that must survive a restart (pause). */
export const queueFlags = sqliteTable('queue_flags', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
});

export type JobRow = typeof jobs.$inferSelect;
export type NewJobRow = typeof jobs.$inferInsert;
