import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocate } from '../../main/domains/assignments/sampling.js';
import type { AssignmentList, ReviewerLoad, SampleResult } from '../../preload/contract/schemas/assignments.js';
import { seedCalls, type SeededCall } from '../helpers/seed-calls.js';
import { startUsersServer, type UsersServer } from '../helpers/users-server.js';

/**
 * Issue 15, sampling and assignments: a seeded population of 2,000 calls; a rule's picks satisfy the
 * strata exactly (each agent's N shared among its queues by largest remainder), never pick a reviewed
 * or already given call, are reproducible for a seed, and the dry run equals the committed result.
 * Reviewers see their own work, oldest due first; leads see everyone's; marking a call reviewed
 * completes its assignment.
 */
let s: UsersServer;
let calls: SeededCall[];
const reviewers = ['rev-a', 'rev-b', 'rev-c'];

beforeAll(async () => {
  s = await startUsersServer({
    accounts: [
      { username: 'lead', role: 'lead' }, { username: 'admin', role: 'admin' }, { username: 'agent', role: 'agent', agentName: 'dana' },
      ...reviewers.map((username) => ({ username, role: 'reviewer' as const })),
    ],
  });
  calls = seedCalls(s.core.db, { count: 2_000, seed: 11, unanalyzedEvery: 50, startDay: '2024-03-04', days: 14 });
}, 120_000);
afterAll(async () => {
  await s?.close();
});

const call = <T>(who: string, method: string, path: string, body?: unknown) => s.call<T>(who, method, path, body);

/** Seeded calls without an analysis have no score (unanalyzedEvery). */
const analysed = (c: SeededCall) => c.scorePct !== null;
const ids = (who: string[]) => who.map((u) => s.users[u]!.id);
const week = { from: '2024-03-04', to: '2024-03-10' };

describe('sampling rules', () => {
  const rule = () => ({ filter: week, perAgent: 4, stratifyBy: 'queue', seed: '2024-W10', reviewerIds: ids(reviewers), dueOn: '2024-03-15' });
  let dry: SampleResult;

  it('a dry run picks N per agent, each agent\'s N shared among its queues exactly, and changes nothing', async () => {
    // Some calls of the week are already reviewed: they must never be picked.
    const weekCalls = calls.filter((c) => c.callTime >= week.from && c.callTime < '2024-03-11' && analysed(c));
    const reviewed = weekCalls.filter((_, i) => i % 7 === 0).map((c) => c.id);
    for (const id of reviewed) expect((await call('rev-a', 'PUT', `/api/v1/recordings/${id}/review`, { reviewed: true })).status).toBe(200);

    const r = await call<SampleResult>('lead', 'POST', '/api/v1/assignments/sample', { rule: rule(), dryRun: true });
    expect(r.status).toBe(200);
    dry = r.value;
    expect(dry.committed).toBe(false);
    const candidates = weekCalls.filter((c) => !reviewed.includes(c.id));
    expect(dry.population).toBe(candidates.length);
    expect(dry.picks.some((p) => reviewed.includes(p.recordingId))).toBe(false);
    // Per agent: N picks (or all), and per queue exactly the largest-remainder share of the agent's mix.
    const agents = [...new Set(candidates.map((c) => c.agent))];
    expect(agents.length).toBeGreaterThan(10);
    for (const agent of agents) {
      const mine = candidates.filter((c) => c.agent === agent);
      const sizes = new Map<string, number>();
      for (const c of mine) sizes.set(`queue: ${c.queue}`, (sizes.get(`queue: ${c.queue}`) ?? 0) + 1);
      const want = Object.fromEntries([...allocate(sizes, 4)].filter(([, n]) => n > 0));
      const got: Record<string, number> = {};
      for (const p of dry.picks.filter((x) => x.agent === agent)) got[p.stratum] = (got[p.stratum] ?? 0) + 1;
      expect([agent, got]).toEqual([agent, want]);
      for (const p of dry.picks.filter((x) => x.agent === agent)) expect(mine.map((c) => c.id)).toContain(p.recordingId);
    }
    // Shared evenly among the three reviewers.
    const per = ids(reviewers).map((id) => dry.picks.filter((p) => p.reviewerId === id).length);
    expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
    expect((await call<AssignmentList>('lead', 'GET', '/api/v1/assignments?all=true')).value.progress.total).toBe(0);
  });

  it('is reproducible, and the commit assigns exactly what the dry run showed', async () => {
    const again = await call<SampleResult>('lead', 'POST', '/api/v1/assignments/sample', { rule: rule(), dryRun: true });
    expect(again.value).toEqual(dry);
    const committed = await call<SampleResult>('lead', 'POST', '/api/v1/assignments/sample', { rule: rule(), dryRun: false });
    expect(committed.value).toEqual({ ...dry, committed: true });
    const all = await call<AssignmentList>('lead', 'GET', '/api/v1/assignments?all=true&limit=1000');
    expect(all.value.items.map((a) => [a.recordingId, a.reviewerId, a.stratum]).sort()).toEqual(dry.picks.map((p) => [p.recordingId, p.reviewerId, p.stratum]).sort());
    // The same rule again finds nothing new to give: those calls are taken.
    const next = await call<SampleResult>('lead', 'POST', '/api/v1/assignments/sample', { rule: rule(), dryRun: true });
    expect(next.value.picks.some((p) => dry.picks.some((d) => d.recordingId === p.recordingId))).toBe(false);
    expect(next.value.population).toBe(dry.population - dry.picks.length);
  });
});

describe('assignments', () => {
  it('a reviewer sees their own, oldest due first; a review done completes one; leads see the load per reviewer', async () => {
    const mine = await call<AssignmentList>('rev-b', 'GET', '/api/v1/assignments');
    expect(mine.value.items.length).toBeGreaterThan(5);
    expect(new Set(mine.value.items.map((a) => a.reviewerId))).toEqual(new Set(ids(['rev-b'])));
    // Another reviewer's list is not theirs to read.
    const other = await call('rev-b', 'GET', `/api/v1/assignments?reviewerId=${s.users['rev-a']!.id}`);
    expect([other.status, other.error?.category]).toEqual([403, 'forbidden']);

    // A selection with an earlier due date comes first; a reviewed call and one already given are skipped.
    const free = calls.filter((c) => analysed(c) && c.callTime >= '2024-03-12').slice(0, 3).map((c) => c.id);
    await call('rev-a', 'PUT', `/api/v1/recordings/${free[2]}/review`, { reviewed: true });
    const given = mine.value.items[0]!.recordingId;
    const created = await call<{ created: { recordingId: number }[]; skipped: { recordingId: number; reason: string }[] }>('lead', 'POST', '/api/v1/assignments', {
      recordingIds: [free[0], free[1], free[2], given, 999_999], reviewerIds: ids(['rev-b']), dueOn: '2024-03-12',
    });
    expect(created.value.created.map((c) => c.recordingId)).toEqual([free[0], free[1]]);
    expect(created.value.skipped).toEqual([
      { recordingId: free[2], reason: 'already_reviewed' }, { recordingId: given, reason: 'already_assigned' }, { recordingId: 999_999, reason: 'not_found' },
    ]);
    // The clock says 2024-03-14: the ones due on the 12th are overdue and come first.
    s.clock.now = new Date(2024, 2, 14, 12).getTime();
    const list = (await call<AssignmentList>('rev-b', 'GET', '/api/v1/assignments')).value;
    expect(list.items.slice(0, 2).map((a) => [a.recordingId, a.status, a.dueOn])).toEqual([[free[0], 'overdue', '2024-03-12'], [free[1], 'overdue', '2024-03-12']]);
    expect(list.items.slice(2).every((a) => a.status === 'open' && a.dueOn === '2024-03-15')).toBe(true);

    // Reviewing the call completes the assignment: done, at the end, counted in progress.
    await call('rev-b', 'PUT', `/api/v1/recordings/${free[0]}/review`, { reviewed: true });
    const after = (await call<AssignmentList>('rev-b', 'GET', '/api/v1/assignments')).value;
    expect(after.items.at(-1)).toMatchObject({ recordingId: free[0], status: 'done' });
    expect(after.progress).toEqual({ total: list.progress.total, done: 1, overdue: 1, open: list.progress.total - 2 });

    const loads = (await call<ReviewerLoad[]>('lead', 'GET', '/api/v1/assignments/reviewers')).value;
    expect(loads.find((l) => l.reviewerId === s.users['rev-b']!.id)).toMatchObject({ done: 1, overdue: 1, oldestDue: '2024-03-12' });
    expect(loads.map((l) => l.role).sort()).toEqual(['admin', 'lead', 'reviewer', 'reviewer', 'reviewer']);
  });

  it('refuses what it must, saying why: a reviewer cannot assign, an agent cannot be given calls, a missing assignment', async () => {
    const notLead = await call('rev-a', 'POST', '/api/v1/assignments', { recordingIds: [calls[0]!.id], reviewerIds: ids(['rev-a']) });
    expect([notLead.status, notLead.error?.category]).toEqual([403, 'forbidden']);
    const toAgent = await call('lead', 'POST', '/api/v1/assignments', { recordingIds: [calls[0]!.id], reviewerIds: ids(['agent']) });
    expect(toAgent.status).toBe(400);
    expect(toAgent.error?.message).toBe(`Account #${s.users.agent!.id} cannot be given calls: it is not an active reviewer, lead or admin.`);
    const gone = await call('lead', 'DELETE', '/api/v1/assignments/999999');
    expect([gone.status, gone.error?.message]).toEqual([404, 'There is no assignment #999999.']);
    const agentList = await call('agent', 'GET', '/api/v1/assignments');
    expect(agentList.status).toBe(403);
  });

  it('a lead takes a call back (audited)', async () => {
    const any = (await call<AssignmentList>('lead', 'GET', '/api/v1/assignments?all=true&status=open')).value.items[0]!;
    expect((await call('lead', 'DELETE', `/api/v1/assignments/${any.id}`)).status).toBe(200);
    const audit = s.core.daos.audit.list('assignments', String(any.id));
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['unassign', 'lead']]);
  });
});

describe('weekly sampling rules', () => {
  it('sample last week once, on the first check after the week turns, and say what they did', async () => {
    // Monday 2024-03-11: last week is 2024-W10 (Mar 4–10), whose calls the first describe partly took.
    s.clock.now = new Date(2024, 2, 11, 6).getTime();
    const saved = await call<{ id: number; nextWeek: string; lastWeek: string | null }>('lead', 'POST', '/api/v1/assignments/rules', {
      name: 'Weekly support QA', filter: { queue: 'support' }, perAgent: 1, stratifyBy: 'scoreBand', reviewerIds: ids(['rev-c']), dueInDays: 4,
    });
    expect(saved.status).toBe(200);
    expect(saved.value).toMatchObject({ lastWeek: null, nextWeek: '2024-W10' });
    const dup = await call('lead', 'POST', '/api/v1/assignments/rules', { name: 'Weekly support QA', perAgent: 1, reviewerIds: ids(['rev-c']) });
    expect(dup.error?.message).toBe('There is already a weekly rule named "Weekly support QA".');

    const before = (await call<AssignmentList>('rev-c', 'GET', '/api/v1/assignments?limit=1000')).value.items.length;
    expect(s.core.services.assignments.runDueRules()).toEqual({ ran: 1 });
    const after = (await call<AssignmentList>('rev-c', 'GET', '/api/v1/assignments?limit=1000')).value.items;
    const fromRule = after.slice(0, after.length).filter((a) => a.assignedBy === 'rule:Weekly support QA');
    expect(fromRule.length).toBe(after.length - before);
    expect(fromRule.length).toBeGreaterThan(5);
    for (const a of fromRule) {
      expect(a.queue).toBe('support');
      expect(a.callAt >= '2024-03-04' && a.callAt < '2024-03-11').toBe(true);
      expect(a.dueOn).toBe('2024-03-15');
    }
    // One per agent at most.
    expect(new Set(fromRule.map((a) => a.agent)).size).toBe(fromRule.length);
    // Checked again the same week: nothing more.
    expect(s.core.services.assignments.runDueRules()).toEqual({ ran: 0 });
    const [rule] = (await call<{ lastWeek: string; lastResult: { assigned: number }; nextWeek: string }[]>('lead', 'GET', '/api/v1/assignments/rules')).value;
    expect(rule).toMatchObject({ lastWeek: '2024-W10', lastResult: { assigned: fromRule.length, shortfalls: expect.any(Number) }, nextWeek: '2024-W11' });

    // The next Monday it samples 2024-W11 (Mar 11–17).
    s.clock.now = new Date(2024, 2, 18, 6).getTime();
    expect(s.core.services.assignments.runDueRules()).toEqual({ ran: 1 });
    const week11 = (await call<AssignmentList>('rev-c', 'GET', '/api/v1/assignments?limit=1000')).value.items.filter((a) => a.assignedBy === 'rule:Weekly support QA' && a.callAt >= '2024-03-11');
    expect(week11.length).toBeGreaterThan(5);
    expect(s.core.daos.audit.query({ actor: 'rule:Weekly support QA', limit: 10 }).map((a) => a.action)).toEqual(['sample', 'sample']);

    expect((await call('lead', 'DELETE', `/api/v1/assignments/rules/${saved.value.id}`)).status).toBe(200);
    expect((await call<unknown[]>('lead', 'GET', '/api/v1/assignments/rules')).value).toEqual([]);
  });
});
