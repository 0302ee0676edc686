import { z } from 'zod';
import { PathId } from '../schemas/ids.js';
import { CallFilter } from '../schemas/calls.js';
import { defineOperation } from '../define.js';
import { AssignInput, AssignmentList, AssignmentStatus, AssignmentView, AssignResult, ReviewerLoad, SampleResult, SampleRule, WeeklyRuleInput, WeeklyRuleView } from '../schemas/assignments.js';

const example: AssignmentView = {
  id: 7, recordingId: 12, fileName: '2024-05-03_dana-ruiz_8812.wav', agent: 'Dana Ruiz', queue: 'billing', callAt: '2024-05-03T09:41:00.000Z', scorePct: 72.5,
  reviewerId: 3, reviewer: 'Sam Lee', dueOn: '2024-05-10', status: 'open', source: 'sample', stratum: 'queue: billing', assignedBy: 'lena', createdAt: '2024-05-06T08:00:00.000Z', reviewedAt: null,
};
const rule: SampleRule = { filter: { from: '2024-04-29', to: '2024-05-05' }, perAgent: 5, stratifyBy: 'queue', seed: '2024-W18', reviewerIds: [3, 4], dueOn: '2024-05-10' };

const weekly: WeeklyRuleView = {
  id: 2, name: 'Weekly billing QA', filter: { queue: 'billing' }, perAgent: 5, stratifyBy: 'outcome', reviewerIds: [3, 4], dueInDays: 5,
  createdBy: 'lena', createdAt: '2024-04-22T09:00:00.000Z', lastWeek: '2024-W18', lastRunAt: '2024-05-06T06:00:02.000Z', lastResult: { assigned: 60, shortfalls: 1 }, nextWeek: '2024-W19',
};

/** Team QA: who reviews which call, by when. Needs accounts (CCA_AUTH=users): calls are given to people. */
export const assignmentOperations = {
  'assignments.list': defineOperation({
    method: 'GET', path: '/api/v1/assignments', tag: 'assignments', role: 'reviewer',
    summary: 'Assigned calls, oldest due first, with progress. A reviewer sees their own; a lead or admin anyone\'s (reviewerId) or everyone\'s (all=true).',
    input: z.object({
      reviewerId: z.coerce.number().int().positive().optional(),
      all: z.union([z.boolean(), z.enum(['true', 'false'])]).optional().transform((v) => v === true || v === 'true'),
      status: AssignmentStatus.optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
      exceptIds: CallFilter.shape.exceptIds,
    }),
    output: AssignmentList,
    example: { input: { status: 'open' }, output: { items: [example], progress: { total: 12, done: 7, open: 4, overdue: 1 } } },
  }),
  'assignments.create': defineOperation({
    method: 'POST', path: '/api/v1/assignments', tag: 'assignments', role: 'lead',
    summary: 'Give calls (a selection) to reviewers, shared evenly, the least loaded first; calls already given or reviewed are skipped and listed. Audited.',
    input: AssignInput, output: AssignResult,
    example: { input: { recordingIds: [12, 15], reviewerIds: [3], dueOn: '2024-05-10' }, output: { created: [example], skipped: [{ recordingId: 15, reason: 'already_reviewed' }] } },
  }),
  'assignments.sample': defineOperation({
    method: 'POST', path: '/api/v1/assignments/sample', tag: 'assignments', role: 'lead',
    summary: 'Run a sampling rule ("N calls per agent, stratified by queue / outcome / score band"): with dryRun the picks are shown and nothing changes; without, exactly those picks are assigned (same seed, same population). Audited.',
    input: z.object({ rule: SampleRule, dryRun: z.boolean().default(true) }),
    output: SampleResult,
    example: {
      input: { rule, dryRun: true },
      output: {
        committed: false, population: 240, withoutAgent: 0, shortfalls: [],
        picks: [{ recordingId: 12, fileName: '2024-05-03_dana-ruiz_8812.wav', agent: 'Dana Ruiz', callAt: '2024-05-03T09:41:00.000Z', stratum: 'queue: billing', reviewerId: 3, reviewer: 'Sam Lee' }],
        strata: [{ stratum: 'queue: billing', population: 120, picked: 10 }],
      },
    },
  }),
  'assignments.delete': defineOperation({
    method: 'DELETE', path: '/api/v1/assignments/{id}', tag: 'assignments', role: 'lead', blind: 'safe',
    summary: 'Take a call back from its reviewer (audited).',
    input: z.object({ id: PathId }), output: z.object({ deleted: z.literal(true) }),
    example: { input: { id: 7 }, output: { deleted: true } },
  }),
  'assignments.rules': defineOperation({
    method: 'GET', path: '/api/v1/assignments/rules', tag: 'assignments', role: 'lead', blind: 'safe',
    summary: 'The weekly sampling rules: each runs by itself on Monday on the week before and assigns its picks; with its last run and what it did.',
    input: z.object({}), output: z.array(WeeklyRuleView),
    example: { input: {}, output: [weekly] },
  }),
  'assignments.saveRule': defineOperation({
    method: 'POST', path: '/api/v1/assignments/rules', tag: 'assignments', role: 'lead', blind: 'safe',
    summary: 'Add a weekly sampling rule (a unique name). Its first run samples the week before this one. Audited.',
    input: WeeklyRuleInput, output: WeeklyRuleView,
    example: { input: { name: 'Weekly billing QA', filter: { queue: 'billing' }, perAgent: 5, stratifyBy: 'outcome', reviewerIds: [3, 4], dueInDays: 5 }, output: { ...weekly, lastWeek: null, lastRunAt: null, lastResult: null } },
  }),
  'assignments.deleteRule': defineOperation({
    method: 'DELETE', path: '/api/v1/assignments/rules/{id}', tag: 'assignments', role: 'lead', blind: 'safe',
    summary: 'Stop a weekly sampling rule (what it assigned stays). Audited.',
    input: z.object({ id: PathId }), output: z.object({ deleted: z.literal(true) }),
    example: { input: { id: 2 }, output: { deleted: true } },
  }),
  'assignments.reviewers': defineOperation({
    method: 'GET', path: '/api/v1/assignments/reviewers', tag: 'assignments', role: 'lead', blind: 'safe',
    summary: 'The people calls can be given to (active reviewers, leads and admins) with their open, overdue and done assignments.',
    input: z.object({}), output: z.array(ReviewerLoad),
    example: { input: {}, output: [{ reviewerId: 3, reviewer: 'Sam Lee', role: 'reviewer', open: 4, overdue: 1, done: 7, oldestDue: '2024-05-03' }] },
  }),
};
