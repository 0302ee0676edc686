import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobsControlDao } from '../../db/dao/jobs-control-dao.js';
import { JobsDao } from '../../db/dao/jobs-dao.js';
import type { CallFacets, CallList, CallRow, SavedFilter } from '../../preload/contract/schemas/calls.js';
import { startCallsHarness, type CallsHarness } from './calls-harness.js';

let h: CallsHarness;
beforeAll(async () => {
  h = await startCallsHarness({ count: 400, seed: 11, unanalyzedEvery: 10 });
});
afterAll(() => h?.close());

const list = (input: Record<string, unknown>) => h.invoke<CallList>('calls.list', input);
/** Every row of a query, page by page (checks that pages neither skip nor repeat rows). */
async function all(input: Record<string, unknown>, limit = 37): Promise<CallRow[]> {
  const rows: CallRow[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await list({ ...input, limit, offset });
    rows.push(...page.items);
    if (page.items.length < limit) return rows;
  }
}

describe('calls.list', () => {
  it('first page: newest call first, total counts every call', async () => {
    const page = await list({});
    expect(page.total).toBe(400);
    expect(page.items).toHaveLength(50);
    const newest = [...h.calls].sort((a, b) => b.callTime.localeCompare(a.callTime) || b.id - a.id)[0]!;
    expect(page.items[0]!.id).toBe(newest.id);
    expect(page.items[0]).toMatchObject({ agent: newest.agent, queue: newest.queue, status: 'imported', match: null });
  });

  it.each([
    ['date', (r: CallRow) => r.callAt],
    ['agent', (r: CallRow) => r.agent],
    ['queue', (r: CallRow) => r.queue],
    ['duration', (r: CallRow) => r.durationSec],
    ['score', (r: CallRow) => r.scorePct],
    ['sentiment', (r: CallRow) => ({ negative: -1, neutral: 0, positive: 1 })[r.sentiment ?? 'x' as 'neutral'] ?? null],
  ] as [string, (r: CallRow) => unknown][])('sort by %s, both directions, paginates every row exactly once', async (sort, key) => {
    for (const dir of ['asc', 'desc'] as const) {
      const rows = await all({ sort, dir });
      expect(rows).toHaveLength(400);
      expect(new Set(rows.map((r) => r.id)).size).toBe(400);
      const keys = rows.map(key);
      // SQLite orders NULL first ascending, last descending.
      const cmp = (a: unknown, b: unknown) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : (a as number) < (b as number) ? -1 : 1);
      for (let i = 1; i < keys.length; i++) expect(cmp(keys[i - 1], keys[i]) * (dir === 'asc' ? 1 : -1)).toBeLessThanOrEqual(0);
    }
  });

  it('filters: agent, queue, inclusive date range, score range, flags', async () => {
    const agent = h.calls[0]!.agent;
    const byAgent = await all({ agent });
    expect(byAgent.map((r) => r.id).sort()).toEqual(h.calls.filter((c) => c.agent === agent).map((c) => c.id).sort());

    const queue = h.calls[1]!.queue;
    const byQueueAgent = await all({ queue, agent });
    expect(byQueueAgent.length).toBe(h.calls.filter((c) => c.queue === queue && c.agent === agent).length);

    const day = h.calls[2]!.callTime.slice(0, 10);
    const oneDay = await all({ from: day, to: day });
    expect(oneDay.length).toBe(h.calls.filter((c) => c.callTime.startsWith(day)).length);
    expect(oneDay.length).toBeGreaterThan(0);

    const mid = await all({ minScore: 40, maxScore: 80 });
    expect(mid.length).toBe(h.calls.filter((c) => c.scorePct !== null && c.scorePct >= 40 && c.scorePct <= 80).length);
    expect(mid.every((r) => r.scorePct! >= 40 && r.scorePct! <= 80)).toBe(true);

    const escalated = await all({ flag: 'escalation' });
    expect(escalated.length).toBe(h.calls.filter((c) => c.outcome === 'escalated').length);
    expect(escalated.every((r) => r.flags.includes('escalation'))).toBe(true);
    const compliance = await all({ flag: 'compliance' });
    expect(compliance.length).toBeGreaterThan(0);
    expect(compliance.every((r) => r.flags.includes('compliance'))).toBe(true);
  });

  it('reviewed / unreviewed', async () => {
    const reviews = h.core.services.reviews;
    const ids = h.calls.slice(0, 5).map((c) => c.id);
    for (const id of ids) reviews.setReviewed(id, true, 'local-user');
    const reviewed = await all({ reviewed: 'reviewed' });
    expect(reviewed.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(reviewed[0]!.reviewedAt).toMatch(/^\d{4}-/);
    expect((await list({ reviewed: 'unreviewed' })).total).toBe(395);
    reviews.setReviewed(ids[0]!, false, 'local-user');
    expect((await list({ reviewed: 'reviewed' })).total).toBe(4);
  });

  it('status follows the pipeline jobs (the queue reports each move to the call projection)', async () => {
    const id = h.calls[3]!.id;
    // Steps of their own, so the running queue never claims them; moved through the queue's DAO.
    const jobs = new JobsDao(h.core.db, h.core.calls);
    const claim = (step: string) => jobs.claim({ steps: [step], limit: 1, now: Date.now(), owner: 'test', leaseMs: 60_000 })[0]!;
    const done = (job: ReturnType<typeof claim>) => jobs.complete(job, { now: Date.now(), durationMs: 1, costUsd: null, unlock: () => [] });
    jobs.enqueue(id, ['test_first', 'test_second'], Date.now());
    expect((await list({ status: 'queued' })).items.map((r) => r.id)).toEqual([id]);
    done(claim('test_first'));
    expect((await list({ status: 'processing' })).items.map((r) => r.id)).toEqual([id]);
    const second = claim('test_second');
    jobs.transition(second.id, second.fencingToken, { state: 'failed' }, Date.now());
    expect((await list({ status: 'failed' })).items.map((r) => r.id)).toEqual([id]);
    new JobsControlDao(h.core.db, h.core.calls).retry(id, Date.now(), false);
    done(claim('test_second'));
    expect((await list({ status: 'done' })).items.map((r) => r.id)).toEqual([id]);
  });

  it('metadata edits reach the list (recordings trigger)', async () => {
    const c = h.calls[4]!;
    const r = await h.core.registry.invoke('recordings.updateMetadata', { id: c.id, agent: 'zed-renamed' });
    expect(r.ok).toBe(true);
    expect((await list({ agent: 'zed-renamed' })).items.map((x) => x.id)).toEqual([c.id]);
  });

  it('rejects bad input with a readable error instead of throwing', async () => {
    const r = await h.core.registry.invoke('calls.list', { sort: 'drop table', limit: '-1' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.category).toBe('invalid_input');
    const q = await h.core.registry.invoke('calls.list', { limit: '20', offset: '40', minScore: '10' });
    expect(q.ok).toBe(true);
  });

  it('facets list agents and queues with counts', async () => {
    const f = await h.invoke<CallFacets>('calls.facets', {});
    expect(f.total).toBe(400);
    expect(f.agents.reduce((a, x) => a + x.count, 0)).toBe(400);
    expect(f.queues.map((q) => q.value)).toEqual([...new Set(h.calls.map((c) => c.queue))].sort());
  });

  it('saved filters: save, replace by name, list, delete', async () => {
    const a = await h.invoke<SavedFilter>('calls.filters.save', { name: 'Billing fails', filter: { queue: 'billing', maxScore: 60 }, sort: 'score', dir: 'asc' });
    const again = await h.invoke<SavedFilter>('calls.filters.save', { name: 'billing fails ', filter: { queue: 'billing', maxScore: 50 } });
    expect(again.id).toBe(a.id);
    await h.invoke('calls.filters.save', { name: 'Escalations', filter: { flag: 'escalation' } });
    const saved = await h.invoke<SavedFilter[]>('calls.filters.list', {});
    expect(saved.map((s) => s.name)).toEqual(['billing fails', 'Escalations']);
    expect(saved[0]!.filter).toEqual({ queue: 'billing', maxScore: 50 });
    expect(await h.invoke('calls.filters.delete', { id: a.id })).toEqual({ deleted: true });
    expect(await h.invoke('calls.filters.delete', { id: a.id })).toEqual({ deleted: false });
    expect((await h.invoke<SavedFilter[]>('calls.filters.list', {})).map((s) => s.name)).toEqual(['Escalations']);
  });
});
