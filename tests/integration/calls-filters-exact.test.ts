import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSql } from '../../db/dao/calls-dao.js';
import type { DashboardView } from '../../preload/contract/operations/dashboard.js';
import type { CallAnalysis } from '../../preload/contract/schemas/analysis.js';
import { CallFilter, type CallList, type CallRow } from '../../preload/contract/schemas/calls.js';
import { seedCriteria } from '../helpers/seed-calls.js';
import { startCallsHarness, type CallsHarness } from './calls-harness.js';

/**
 * The filters behind the Dashboard's exact click-through: outcome, call reason, and a criterion's
 * result (pass / fail / overridden). Expected rows come from the analyses' JSON bodies (the source the
 * derived tables are built from), and every chart element's count must equal the rows its filter lists.
 */
let h: CallsHarness;
/** recording id → its current analysis body. */
let bodies: Map<number, CallAnalysis>;
const overridden = new Map<number, string>();

beforeAll(async () => {
  h = await startCallsHarness({ count: 300, seed: 17, unanalyzedEvery: 8, startDay: '2024-03-01', days: 30 });
  const rows = h.core.db.sqlite.prepare('SELECT recording_id AS id, body FROM analyses ORDER BY id').all() as { id: number; body: string }[];
  bodies = new Map(rows.map((r) => [r.id, JSON.parse(r.body) as CallAnalysis]));
  // A reviewer overrides a few answers (one flips "empathy", one puts it back to the AI's answer).
  const reviews = h.core.services.reviews;
  const analysed = h.calls.filter((c) => c.scorePct !== null);
  for (const c of analysed.slice(0, 6)) {
    const ai = bodies.get(c.id)!.scorecard!.criteria.find((x) => x.id === 'empathy')!.answer;
    const answer = ai === 'yes' ? 'no' : 'yes';
    reviews.override(c.id, 'empathy', answer, 'Test override.', 'local-user');
    overridden.set(c.id, answer);
  }
  reviews.override(analysed[6]!.id, 'empathy', 'no', 'Test override.', 'local-user');
  reviews.clearOverride(analysed[6]!.id, 'empathy', 'local-user');
});
afterAll(() => h?.close());

async function all(input: Record<string, unknown>, limit = 41): Promise<CallRow[]> {
  const rows: CallRow[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await h.invoke<CallList>('calls.list', { ...input, limit, offset });
    rows.push(...page.items);
    if (page.items.length < limit) {
      const first = await h.invoke<CallList>('calls.list', { ...input, limit: 1 });
      expect(first.total).toBe(rows.length);
      return rows;
    }
  }
}
const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);
const where = (pred: (id: number, body: CallAnalysis) => boolean) => [...bodies].filter(([id, b]) => pred(id, b)).map(([id]) => id).sort((a, b) => a - b);

/** The final answer (the reviewer's when overridden) of one criterion of one call. */
function finalAnswer(id: number, body: CallAnalysis, criterion: string): string | undefined {
  if (criterion === 'empathy' && overridden.has(id)) return overridden.get(id);
  return body.scorecard?.criteria.find((c) => c.id === criterion)?.answer;
}
const passes = (a: string | undefined) => a === 'yes' || a === '3' || a === '4' || a === '5';
const fails = (a: string | undefined) => a === 'no' || a === '1' || a === '2';

describe('calls.list: exact filters', () => {
  it('outcome: exactly the calls with that outcome, each outcome', async () => {
    for (const outcome of ['resolved', 'escalated', 'callback', 'unresolved']) {
      const rows = await all({ outcome });
      expect(rows.length).toBeGreaterThan(0);
      expect(ids(rows)).toEqual(where((_, b) => b.outcome === outcome));
      expect(rows.every((r) => r.outcome === outcome)).toBe(true);
    }
  });

  it('reason: whole reason, case and surrounding spaces ignored; a part of a reason matches nothing', async () => {
    const reason = [...bodies.values()][0]!.callReason!;
    const expected = where((_, b) => b.callReason?.trim().toLowerCase() === reason.toLowerCase());
    expect(expected.length).toBeGreaterThan(1);
    expect(ids(await all({ reason }))).toEqual(expected);
    expect(ids(await all({ reason: `  ${reason.toUpperCase()} ` }))).toEqual(expected);
    expect(await all({ reason: reason.split(' ')[0] })).toHaveLength(0);
  });

  it('criterion + pass / fail: the final answer, scale answers included; N/A and other criteria never leak in', async () => {
    for (const criterion of ['greeting', 'verify_identity', 'tone']) {
      const pass = await all({ criterion, criterionResult: 'pass' });
      const fail = await all({ criterion, criterionResult: 'fail' });
      expect(ids(pass)).toEqual(where((id, b) => passes(finalAnswer(id, b, criterion))));
      expect(ids(fail)).toEqual(where((id, b) => fails(finalAnswer(id, b, criterion))));
      expect(fail.length).toBeGreaterThan(0);
      // Alone, the criterion lists every call scored on it.
      expect(ids(await all({ criterion }))).toEqual(where((_, b) => !!b.scorecard?.criteria.some((c) => c.id === criterion)));
    }
    // Overrides count with the reviewer's answer.
    expect(ids(await all({ criterion: 'empathy', criterionResult: 'fail' }))).toEqual(where((id, b) => fails(finalAnswer(id, b, 'empathy'))));
    expect(await all({ criterion: 'no_such_criterion', criterionResult: 'fail' })).toHaveLength(0);
  });

  it('criterion + overridden: exactly the calls whose answer a reviewer changed (an override put back is not one)', async () => {
    expect(ids(await all({ criterion: 'empathy', criterionResult: 'overridden' }))).toEqual([...overridden.keys()].sort((a, b) => a - b));
    expect(await all({ criterion: 'greeting', criterionResult: 'overridden' })).toHaveLength(0);
    // Without a criterion: overridden on any criterion.
    expect(ids(await all({ criterionResult: 'overridden' }))).toEqual([...overridden.keys()].sort((a, b) => a - b));
  });

  it('combine with the other filters and the search, sorted and paged', async () => {
    const agent = h.calls.find((c) => c.outcome === 'resolved')!.agent;
    const rows = await all({ outcome: 'resolved', agent, criterion: 'greeting', criterionResult: 'pass', sort: 'score', dir: 'asc' });
    expect(ids(rows)).toEqual(where((id, b) => b.outcome === 'resolved' && h.calls.find((c) => c.id === id)!.agent === agent && passes(finalAnswer(id, b, 'greeting'))));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.scorePct!).toBeGreaterThanOrEqual(rows[i - 1]!.scorePct!);
    const searched = await all({ q: 'charged twice', outcome: 'escalated' });
    expect(searched.every((r) => r.outcome === 'escalated' && r.match)).toBe(true);
  });

  it('every Dashboard chart element lists exactly as many calls as it shows, within its date range', async () => {
    const range = { from: '2024-03-05', to: '2024-03-20' };
    const d = await h.invoke<DashboardView>('dashboard.get', range);
    for (const o of d.outcomes) expect((await all({ ...range, outcome: o.value })).length).toBe(o.count);
    for (const r of d.topReasons) expect((await all({ ...range, reason: r.value })).length).toBe(r.count);
    for (const c of d.criterionPassRate) {
      expect((await all({ ...range, criterion: c.criterionId, criterionResult: 'pass' })).length).toBe(c.passed);
      expect((await all({ ...range, criterion: c.criterionId, criterionResult: 'fail' })).length).toBe(c.answered - c.passed);
    }
    for (const c of d.overrideRate) expect((await all({ ...range, criterion: c.criterionId, criterionResult: 'overridden' })).length).toBe(c.overridden);
    expect(d.criterionPassRate.map((c) => c.criterionId).sort()).toEqual(seedCriteria.map((c) => c.id).sort());
  });

  it('query plan: the criterion filter probes call_criteria by primary key per row while the page walks the sort index', () => {
    const s = listSql({ sort: 'date', dir: 'desc', limit: 50, offset: 0, criterion: 'greeting', criterionResult: 'fail', outcome: 'resolved' }, null);
    const plan = (h.core.db.sqlite.prepare(`EXPLAIN QUERY PLAN ${s.idsSql}`).all(s.params) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/SCAN s USING INDEX call_summary_call_at_idx/);
    expect(plan).toMatch(/SEARCH c USING INDEX sqlite_autoindex_call_criteria_1 \(recording_id=\? AND criterion_id=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('the route and saved-filter shape: query-string values parse into the filter; bad values are refused', () => {
    const parsed = CallFilter.parse(Object.fromEntries(new URLSearchParams('outcome=escalated&reason=double+charge&criterion=greeting&criterionResult=fail')));
    expect(parsed).toEqual({ outcome: 'escalated', reason: 'double charge', criterion: 'greeting', criterionResult: 'fail' });
    expect(CallFilter.safeParse({ outcome: 'maybe' }).success).toBe(false);
    expect(CallFilter.safeParse({ criterionResult: 'skipped' }).success).toBe(false);
  });
});
