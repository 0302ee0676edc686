import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core.js';
import { seedCalls, type SeededCall } from '../helpers/seed-calls.js';
import { guardTimed } from '../helpers/timed-guard.js';
import { tempCore } from '../unit/exports/helpers/temp-core.js';

/**
 * One SQL idiom (issue 31): every statement a DAO runs is inside `db.timed`, so the slow-query log,
 * the error mapping and cca_db_query_duration_seconds see all of them. A real core answers a day of
 * operations through its registry — lists and searches, the dashboard, reviews, the queue, rubrics,
 * saved filters, prices, audit, estimates, problems, egress — and no DAO statement may run untimed.
 */
let t: Awaited<ReturnType<typeof tempCore>>;
let core: Core;
let calls: SeededCall[];

beforeAll(async () => {
  t = await tempCore();
  core = t.core;
  calls = seedCalls(core.db, { count: 60, seed: 9, unanalyzedEvery: 6, needles: { 3: 'zebra crossing' } });
});
afterAll(() => t?.close());

const ok = async (op: string, input: Record<string, unknown> = {}) => {
  const r = await core.registry.invoke(op, input);
  if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
  return r.value;
};

describe('DAO statements', () => {
  it('all run inside db.timed', async () => {
    const guard = guardTimed(core.db);
    try {
      const id = calls.find((c) => c.scorePct !== null)!.id;
      await ok('calls.list', {});
      await ok('calls.list', { q: 'zebra crossing', sort: 'score', dir: 'asc' });
      await ok('calls.list', { agent: calls[0]!.agent, flag: 'compliance', criterion: 'empathy', criterionResult: 'pass' });
      await ok('calls.facets', {});
      await ok('dashboard.get', {});
      await ok('recordings.list', {});
      await ok('recordings.get', { id });
      await ok('recordings.updateMetadata', { id, queue: 'retention' });
      await ok('reviews.get', { id });
      await ok('reviews.override', { id, criterionId: 'empathy', answer: 'no', comment: 'Missed it.' });
      await ok('reviews.overrideCompliance', { id, index: 0, status: 'not_met', comment: 'No disclosure.' });
      await ok('reviews.addComment', { id, text: 'Coach on empathy.', atSec: 12 });
      await ok('reviews.editTranscript', { id, segmentIndex: 1, text: 'a corrected line' });
      await ok('reviews.setReviewed', { id, reviewed: true });
      await ok('reviews.clearOverride', { id, criterionId: 'empathy' });
      await ok('reviews.audit', { id });
      await ok('transcripts.get', { id });
      await ok('analysis.get', { id });
      const [rubric] = await ok('rubrics.list', {}) as { name: string; criteria: unknown[] }[];
      await ok('rubrics.save', { name: rubric!.name, criteria: rubric!.criteria });
      await ok('calls.filters.save', { name: 'Billing', filter: { queue: 'billing' } });
      await ok('calls.filters.list', {});
      await ok('prices.update', { model: 'scribe_v2', provider: 'elevenlabs', perAudioMinute: 0.005, perMInput: null, perMOutput: null });
      await ok('prices.list', {});
      await ok('queue.enqueue', { id });
      await ok('queue.summary', {});
      await ok('queue.pause', {});
      await ok('queue.resume', {});
      await ok('queue.prioritize', { recordingIds: [id], priority: 5 });
      await ok('queue.cancel', { id });
      await ok('queue.retry', { id });
      await ok('jobs.list', {});
      await ok('problems.list', {});
      await ok('audit.list', {});
      await ok('estimates.forRecordings', { recordingIds: calls.slice(0, 5).map((c) => c.id) });
      await ok('egress.report', {});
      await ok('system.health', {});
      expect(guard.untimed()).toEqual([]);
    } finally {
      guard.stop();
    }
  });

  it('the guard sees a statement run outside db.timed, and not one inside', () => {
    const guard = guardTimed(core.db);
    try {
      core.db.timed('test.inside', () => core.db.sqlite.prepare('SELECT count(*) FROM recordings').get());
      core.db.sqlite.prepare('SELECT count(*) FROM app_settings').get();
      expect(guard.untimed().map((u) => u.sql)).toEqual(['SELECT count(*) FROM app_settings']);
      expect(guard.untimed()[0]!.at).toContain('dao-statements-timed.test.ts');
    } finally {
      guard.stop();
    }
  });
});
