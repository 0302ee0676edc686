import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { RubricCriterion } from '../../preload/contract/schemas/rubrics.js';

/**
 * QA rubrics: a named list of criteria. Editing a rubric bumps `version`; analyses record the version
 * (and a snapshot of the criteria) they were scored against, so a changed rubric re-runs analysis and
 * old scorecards still read as they were scored.
 */
export const rubrics = sqliteTable('rubrics', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  description: text('description').notNull().default(''),
  version: integer('version').notNull().default(1),
  criteria: text('criteria', { mode: 'json' }).$type<RubricCriterion[]>().notNull(),
  /** The rubric new analyses use when none is named (exactly one row has it). */
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  /** Shipped with the app (the default call-centre rubric); still editable. */
  builtin: integer('builtin', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

export type RubricRow = typeof rubrics.$inferSelect;
export type NewRubricRow = typeof rubrics.$inferInsert;
