import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { recordings } from './recordings.js';
import { rubrics } from './rubrics.js';
import { users } from './users.js';

/**
 * A calibration session: a lead picks calls and reviewers; each reviewer scores the calls blind; the
 * results compare the answers. The rubric's criteria are copied in (`criteria`) when the session is
 * made, so the answers keep meaning what they were asked even after the rubric is reworded.
 */
export const calibrationSessions = sqliteTable('calibration_sessions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  rubricId: integer('rubric_id').notNull().references(() => rubrics.id),
  rubricVersion: integer('rubric_version').notNull(),
  /** The rubric's criteria at rubricVersion (RubricCriterion[]). */
  criteria: text('criteria', { mode: 'json' }).notNull(),
  /** YYYY-MM-DD, or null. */
  dueOn: text('due_on'),
  /** 'open' (scoring) or 'closed' (by its lead: no more answers). */
  status: text('status').notNull().default('open'),
  /** The lead who owns it (null: the local owner, who has no account). */
  ownerId: integer('owner_id').references(() => users.id, { onDelete: 'set null' }),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  closedAt: integer('closed_at'),
});

export const calibrationCalls = sqliteTable(
  'calibration_calls',
  {
    sessionId: integer('session_id').notNull().references(() => calibrationSessions.id, { onDelete: 'cascade' }),
    recordingId: integer('recording_id').notNull().references(() => recordings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.recordingId] }), index('calibration_calls_recording_idx').on(t.recordingId)],
);

/** A reviewer (or lead) scoring the session; `submittedAt` set once, when their answers become final. */
export const calibrationParticipants = sqliteTable(
  'calibration_participants',
  {
    sessionId: integer('session_id').notNull().references(() => calibrationSessions.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    submittedAt: integer('submitted_at'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index('calibration_participants_user_idx').on(t.userId, t.submittedAt)],
);

/** One participant's answer to one criterion for one call: 'yes' | 'no' | 'na' | '1'…'5'. */
export const calibrationAnswers = sqliteTable(
  'calibration_answers',
  {
    sessionId: integer('session_id').notNull().references(() => calibrationSessions.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    recordingId: integer('recording_id').notNull().references(() => recordings.id, { onDelete: 'cascade' }),
    criterionId: text('criterion_id').notNull(),
    answer: text('answer').notNull(),
    comment: text('comment').notNull().default(''),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId, t.recordingId, t.criterionId] })],
);

/** The lead's consensus answer for one criterion of one call, set on the results page. */
export const calibrationConsensus = sqliteTable(
  'calibration_consensus',
  {
    sessionId: integer('session_id').notNull().references(() => calibrationSessions.id, { onDelete: 'cascade' }),
    recordingId: integer('recording_id').notNull().references(() => recordings.id, { onDelete: 'cascade' }),
    criterionId: text('criterion_id').notNull(),
    answer: text('answer').notNull(),
    setBy: text('set_by').notNull(),
    setAt: integer('set_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.recordingId, t.criterionId] })],
);
