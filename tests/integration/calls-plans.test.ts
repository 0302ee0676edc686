import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSql, type ListQuery } from '../../db/dao/calls-dao.js';
import { DashboardDao, dashboardSql } from '../../db/dao/dashboard-dao.js';
import { toFtsQuery } from '../../db/dao/fts-dao.js';
import type { CallSort } from '../../preload/contract/schemas/calls.js';
import { seedCriteria } from '../helpers/seed-calls.js';
import { startCallsHarness, type CallsHarness } from './calls-harness.js';

/**
 * The list and dashboard queries must use the indexes they were designed with (call-summary.ts):
 * a page of 50 out of 50,000 is an index walk that stops after 50 rows, never a full sort.
 */
let h: CallsHarness;
beforeAll(async () => {
  h = await startCallsHarness({ count: 1500, seed: 3, unanalyzedEvery: 7 });
  // As after a few app restarts (close runs PRAGMA optimize): plans must hold with statistics too.
  h.core.db.sqlite.exec('ANALYZE');
});
afterAll(() => h?.close());

const base: ListQuery = { sort: 'date', dir: 'desc', limit: 50, offset: 0 };
function plan(sql: string, params: Record<string, unknown>): string {
  const rows = h.core.db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}
const listPlan = (q: Partial<ListQuery>) => {
  const query = { ...base, ...q };
  const s = listSql(query, query.q ? toFtsQuery(query.q) : null);
  return { list: plan(s.sql, s.params), ids: plan(s.idsSql, s.params), count: plan(s.countSql, s.countParams) };
};

describe('query plans (EXPLAIN QUERY PLAN)', () => {
  it.each([
    ['date', 'call_summary_call_at_idx'],
    ['agent', 'call_summary_agent_idx'],
    ['queue', 'call_summary_queue_idx'],
    ['duration', 'call_summary_duration_idx'],
    ['status', 'call_summary_status_idx'],
    ['score', 'call_summary_score_idx'],
    ['sentiment', 'call_summary_sentiment_idx'],
  ] as [CallSort, string][])('sort by %s walks %s without a temp sort', (sort, index) => {
    for (const dir of ['asc', 'desc'] as const) {
      const p = listPlan({ sort, dir });
      // The page's ids: an index walk, no sort; the 50 rows: primary-key lookups.
      expect(p.ids).toMatch(new RegExp(`SCAN s USING (COVERING )?INDEX ${index}`));
      expect(p.ids).not.toMatch(/TEMP B-TREE/);
      expect(p.list).toMatch(/SEARCH s USING INTEGER PRIMARY KEY/);
      expect(p.list).toMatch(/SEARCH r USING INTEGER PRIMARY KEY/);
      // call_summary is scanned once (inside the page-ids subquery), never again for the join.
      expect(p.list.match(/SCAN s\b/g)).toHaveLength(1);
    }
  });

  it('agent filter + date sort: one index range, no sort; count is covered', () => {
    const p = listPlan({ agent: 'dana' });
    expect(p.ids).toMatch(/SEARCH s USING (COVERING )?INDEX call_summary_agent_idx \(agent=\?\)/);
    expect(p.ids).not.toMatch(/TEMP B-TREE/);
    expect(p.count).toMatch(/USING COVERING INDEX call_summary_agent_idx \(agent=\?\)/);
  });

  it('queue and status filters use their own index', () => {
    expect(listPlan({ queue: 'billing' }).ids).toMatch(/call_summary_queue_idx \(queue=\?\)/);
    expect(listPlan({ status: 'done' }).ids).toMatch(/call_summary_status_idx \(status=\?\)/);
  });

  it('search: FTS first, then each hit by primary key', () => {
    const p = listPlan({ q: 'thank you' }).list;
    expect(p).toMatch(/transcript_fts VIRTUAL TABLE INDEX/);
    expect(p).toMatch(/SEARCH s USING INTEGER PRIMARY KEY/);
    expect(p).not.toMatch(/SCAN s\b/);
  });

  it('dashboard per-criterion rates read only the criterion index', () => {
    const sql = dashboardSql();
    expect(plan(sql.criterionPassRate.sql, sql.criterionPassRate.params)).toMatch(/SCAN c USING COVERING INDEX call_criteria_criterion_idx/);
    expect(plan(sql.overrideRate.sql, sql.overrideRate.params)).toMatch(/SCAN c USING COVERING INDEX call_criteria_criterion_idx/);
    expect(plan(sql.criterionSupport.sql, sql.criterionSupport.params)).toMatch(/SCAN c USING COVERING INDEX call_criteria_criterion_idx/);
    expect(plan(sql.scoreDistribution.sql, sql.scoreDistribution.params)).toMatch(/COVERING INDEX call_summary_score_idx/);
  });
});

describe('dashboard aggregates', () => {
  it('score distribution, outcomes, agent trend, sentiment and cost add up to the seeded calls', () => {
    const d = new DashboardDao(h.core.db);
    const analysed = h.calls.filter((c) => c.scorePct !== null);
    const dist = d.scoreDistribution();
    expect(dist).toHaveLength(10);
    expect(dist.reduce((a, b) => a + b.count, 0)).toBe(analysed.length);
    expect(d.outcomes().reduce((a, b) => a + b.count, 0)).toBe(analysed.length);
    const trend = d.agentScoreOverTime();
    expect(trend.reduce((a, b) => a + b.calls, 0)).toBe(analysed.length);
    expect(trend.every((t) => /^\d{4}-\d{2}-\d{2}$/.test(t.period) && new Date(`${t.period}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(d.sentimentTrend().reduce((a, b) => a + b.positive + b.neutral + b.negative, 0)).toBe(analysed.length);
    expect(d.topReasons().length).toBeGreaterThan(0);
    const cost = d.costPerDay();
    expect(cost.reduce((a, b) => a + b.calls, 0)).toBe(analysed.length);
    expect(cost.every((c) => c.costUsd > 0)).toBe(true);
    const dana = d.agentScoreOverTime({ agent: 'dana' });
    expect(dana.every((t) => t.agent === 'dana')).toBe(true);
  });

  it('per-criterion pass rate and override rate (overrides recorded by the reviewer workflow)', () => {
    const d = new DashboardDao(h.core.db);
    const rates = d.criterionPassRate();
    expect(rates.map((r) => r.criterionId).sort()).toEqual(seedCriteria.map((c) => c.id).sort());
    expect(rates.find((r) => r.criterionId === 'greeting')!.question).toBe('Did the agent greet the customer?');
    expect(d.overrideRate().every((r) => r.overridden === 0)).toBe(true);

    const reviews = h.core.services.reviews;
    const target = h.calls.find((c) => c.scorePct !== null)!;
    const row = h.core.db.sqlite.prepare("SELECT ai_answer FROM call_criteria WHERE recording_id = ? AND criterion_id = 'empathy'").get(target.id) as { ai_answer: string };
    const final = reviews.override(target.id, 'empathy', row.ai_answer === 'yes' ? 'no' : 'yes', 'Test override.', 'local-user').finalScore!;
    const empathy = d.overrideRate().find((r) => r.criterionId === 'empathy')!;
    expect(empathy.overridden).toBe(1);
    expect(empathy.overrideRate).toBeCloseTo(1 / empathy.answers);
    const s = h.core.db.sqlite.prepare('SELECT score_pct FROM call_summary WHERE recording_id = ?').get(target.id) as { score_pct: number };
    expect(s.score_pct).toBe(final.scorePct);
    expect(final.scorePct).not.toBe(target.scorePct);
    reviews.clearOverride(target.id, 'empathy', 'local-user');
    expect(d.overrideRate().find((r) => r.criterionId === 'empathy')!.overridden).toBe(0);
  });
});
