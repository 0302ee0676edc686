import { z } from 'zod';
import { defineOperation } from '../define.js';
import { CallFacets, CallList, ListCallsInput, SavedFilter, SaveFilterInput, type CallRow } from '../schemas/calls.js';

const exampleRow: CallRow = {
  id: 12, fileName: '2024-05-02_dana_C1001.wav', callAt: '2024-05-02T10:14:00', callTimeKnown: true, agent: 'dana', queue: 'billing',
  customer: null, externalCallId: 'C1001', direction: 'inbound', durationSec: 184.2, status: 'done', scorePct: 82.5,
  autoFailed: false, transcriptQuality: 92, unsupportedAnswers: 0, sentiment: 'positive', outcome: 'resolved', flags: ['pii'], complianceReasons: [], reviewedAt: null,
  match: {
    startSec: 41.3, role: 'customer',
    snippet: [{ text: 'I would like a ', hit: false }, { text: 'refund for the double charge', hit: true }, { text: ' on my…', hit: false }],
  },
};
const exampleFilter: SavedFilter = {
  id: 'f-lx3k9a', name: 'Billing fails this month', filter: { queue: 'billing', maxScore: 60, from: '2024-05-01' },
  sort: 'score', dir: 'asc', createdAt: '2024-05-03T09:12:44.120Z',
};

/**
 * `/calls/facets` and `/calls/filters` are literal paths that a `/calls/{id}` route (call detail) would
 * also match; the HTTP router takes the first match, so this map is combined before that domain's in
 * preload/contract/index.ts.
 */
export const callOperations = {
  'calls.list': defineOperation({
    method: 'GET', path: '/api/v1/calls', tag: 'calls', role: 'agent', scope: 'calls',
    summary: 'The Calls list: one page of calls sorted and filtered, optionally matching a full-text search over transcripts.',
    description: 'Sort by date, agent, queue, duration, status, score or sentiment; filter by date range, agent, queue, score range, ' +
      'status, reviewed/unreviewed, flag, outcome, call reason (whole, case-insensitive) and a criterion\'s result (`criterion` + ' +
      '`criterionResult` pass/fail/overridden). `q` is any text: it becomes an FTS5 phrase query (prefix match on the last word while ' +
      'typing); each matching row carries the first matching segment as snippet parts (`hit: true` = highlighted). Pages by offset.',
    input: ListCallsInput,
    output: CallList,
    example: { input: { q: 'refund for the double', sort: 'date', dir: 'desc', limit: 50 }, output: { items: [exampleRow], total: 1, capped: false } },
  }),
  'calls.facets': defineOperation({
    method: 'GET', path: '/api/v1/calls/facets', tag: 'calls', role: 'agent', blind: 'safe', scope: 'calls',
    summary: 'Values for the Calls filter dropdowns (agents, queues, statuses) with their call counts.',
    // `agent` is what the one scope rule forces for agents (their own calls' values only).
    input: z.object({ agent: z.string().max(200).optional().meta({ description: 'Only the calls of this agent.', example: 'dana' }) }),
    output: CallFacets,
    example: { input: {}, output: { total: 120, agents: [{ value: 'dana', count: 64 }], queues: [{ value: 'billing', count: 80 }], statuses: [{ value: 'done', count: 118 }], criteria: [{ id: 'empathy', question: 'Did the agent show empathy?' }] } },
  }),
  'calls.filters.list': defineOperation({
    method: 'GET', path: '/api/v1/calls/filters', tag: 'calls', role: 'reviewer', blind: 'safe',
    summary: 'Saved Calls filters, oldest first.',
    input: z.object({}),
    output: z.array(SavedFilter),
    example: { input: {}, output: [exampleFilter] },
  }),
  'calls.filters.save': defineOperation({
    method: 'POST', path: '/api/v1/calls/filters', tag: 'calls', role: 'reviewer', blind: 'safe',
    summary: 'Save the current filters under a name (a filter with the same name is replaced).',
    input: SaveFilterInput,
    output: SavedFilter,
    example: { input: { name: exampleFilter.name, filter: exampleFilter.filter, sort: 'score', dir: 'asc' }, output: exampleFilter },
  }),
  'calls.filters.delete': defineOperation({
    method: 'DELETE', path: '/api/v1/calls/filters/{id}', tag: 'calls', role: 'reviewer', blind: 'safe',
    summary: 'Delete a saved filter.',
    input: z.object({ id: z.string().min(1).max(40) }),
    output: z.object({ deleted: z.boolean() }),
    example: { input: { id: exampleFilter.id }, output: { deleted: true } },
  }),
};
