import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for.js';
import type { DashboardView } from '../../preload/contract/operations/dashboard.js';
import type { DisputeView, NotificationList } from '../../preload/contract/schemas/disputes.js';
import type { ReviewView } from '../../preload/contract/schemas/reviews.js';
import { seedCalls, type SeededCall } from '../helpers/seed-calls.js';
import { startUsersServer, type UsersServer } from '../helpers/users-server.js';

/**
 * Issue 15, disputes and coaching notes over real HTTP in users mode: an agent disputes one criterion
 * of their reviewed scorecard (not an unreviewed call, not another agent's, not twice while open); the
 * lead and the reviewer are notified; the lead resolves it as changed — the final score is recomputed
 * by the one scoring function, the call's trail has every step, the agent is told; the Dashboard's
 * dispute and upheld rates follow. Coaching notes reach the agent; the reviewers' own comments do not.
 */
let s: UsersServer;
let calls: SeededCall[];
beforeAll(async () => {
  s = await startUsersServer({
    accounts: [
      { username: 'dana', role: 'agent', agentName: 'dana' }, { username: 'eli', role: 'agent', agentName: 'eli' },
      { username: 'rev', role: 'reviewer' }, { username: 'lead', role: 'lead' },
    ],
  });
  calls = seedCalls(s.core.db, { count: 120, seed: 5 });
}, 60_000);
afterAll(async () => {
  await s?.close();
});

const call = <T>(who: string, method: string, path: string, body?: unknown) => s.call<T>(who, method, path, body);
const finalAnswer = (r: ReviewView, criterionId: string, ai: string) => r.overrides.find((o) => o.criterionId === criterionId)?.answer ?? ai;

describe('disputes', () => {
  it('agent → lead → recomputed score → notifications → dashboard rates', async () => {
    const [mine, mineToo] = calls.filter((c) => c.agent === 'dana' && c.scorePct !== null);
    const theirs = calls.find((c) => c.agent === 'eli' && c.scorePct !== null)!;
    const raise = (who: string, recordingId: number, criterionId = 'empathy', extra: Record<string, unknown> = {}) =>
      call<DisputeView>(who, 'POST', '/api/v1/disputes', { recordingId, criterionId, comment: 'I apologised twice for the double charge.', ...extra });

    const early = await raise('dana', mine!.id);
    expect([early.status, early.error?.message]).toEqual([400, 'This call has not been reviewed yet, so there is no scorecard to dispute.']);
    for (const c of [mine!, mineToo!, theirs]) expect((await call('rev', 'PUT', `/api/v1/recordings/${c.id}/review`, { reviewed: true })).status).toBe(200);

    expect((await raise('dana', theirs.id)).status).toBe(404);
    expect((await raise('dana', mine!.id, 'no_such_criterion')).status).toBe(404);
    const late = await raise('dana', mine!.id, 'empathy', { atSec: 99_999 });
    expect(late.status).toBe(400);
    expect(late.error?.message).toMatch(/^The moment 27:46:39 is past the end of the call/);

    const before = (await call<ReviewView>('dana', 'GET', `/api/v1/recordings/${mine!.id}/review`)).value;
    const ai = (await call<{ analysis: { scorecard: { criteria: { id: string; answer: string }[] } } }>('lead', 'GET', `/api/v1/recordings/${mine!.id}/analysis`)).value.analysis.scorecard.criteria.find((c) => c.id === 'empathy')!.answer;
    const raised = await raise('dana', mine!.id, 'empathy', { atSec: 12.5 });
    expect(raised.status).toBe(200);
    expect(raised.value).toMatchObject({ recordingId: mine!.id, criterionId: 'empathy', question: 'Did the agent show empathy?', answer: finalAnswer(before, 'empathy', ai), atSec: 12.5, raisedBy: 'dana', raisedRole: 'agent', reviewer: 'rev', status: 'open' });
    const twice = await raise('dana', mine!.id);
    expect([twice.status, twice.error?.message]).toEqual([400, `"Did the agent show empathy?" already has an open dispute (#${raised.value.id}, raised by dana).`]);

    // The lead and the call's reviewer are told; the agent who raised it is not.
    for (const who of ['lead', 'rev']) {
      const n = (await call<NotificationList>(who, 'GET', '/api/v1/notifications')).value;
      expect(n.unread, who).toBe(1);
      expect(n.items[0]).toMatchObject({ kind: 'dispute_raised', recordingId: mine!.id, title: 'Dispute: Did the agent show empathy?' });
      expect(n.items[0]!.body).toContain('at 0:12: I apologised twice');
    }
    expect((await call<NotificationList>('dana', 'GET', '/api/v1/notifications')).value.unread).toBe(0);

    // Agents list only their own calls' disputes and cannot resolve.
    expect((await call<DisputeView[]>('eli', 'GET', '/api/v1/disputes')).value).toEqual([]);
    expect((await call<DisputeView[]>('dana', 'GET', '/api/v1/disputes?agent=eli')).value.map((d) => d.id)).toEqual([raised.value.id]);
    expect((await call('dana', 'POST', `/api/v1/disputes/${raised.value.id}/resolve`, { outcome: 'upheld', comment: 'no' })).status).toBe(403);
    expect((await call('rev', 'POST', `/api/v1/disputes/${raised.value.id}/resolve`, { outcome: 'upheld', comment: 'no' })).status).toBe(403);
    const noAnswer = await call('lead', 'POST', `/api/v1/disputes/${raised.value.id}/resolve`, { outcome: 'changed', comment: 'Agreed.' });
    expect([noAnswer.status, noAnswer.error?.message]).toEqual([400, 'Changing the answer needs the new answer.']);

    const flipped = raised.value.answer === 'yes' ? 'no' : 'yes';
    const resolved = await call<DisputeView>('lead', 'POST', `/api/v1/disputes/${raised.value.id}/resolve`, { outcome: 'changed', answer: flipped, comment: 'Agreed: two clear apologies.' });
    expect(resolved.value).toMatchObject({ status: 'changed', newAnswer: flipped, resolvedBy: 'lead', resolution: 'Agreed: two clear apologies.' });
    const after = (await call<ReviewView>('dana', 'GET', `/api/v1/recordings/${mine!.id}/review`)).value;
    expect(after.overrides.find((o) => o.criterionId === 'empathy')).toMatchObject({ answer: flipped, comment: `Dispute #${raised.value.id}: Agreed: two clear apologies.`, actor: 'lead' });
    // 10 points of 80 move with the answer (seed-calls: weight 10 each, empathy yes/no).
    expect(after.finalScore!.points.empathy).toBe(flipped === 'yes' ? 10 : 0);
    expect(after.finalScore!.scorePct).not.toBe(before.finalScore!.scorePct);
    const listed = (await call<{ items: { id: number; scorePct: number | null }[] }>('lead', 'GET', `/api/v1/calls?agent=dana&limit=200`)).value.items.find((i) => i.id === mine!.id);
    expect(listed?.scorePct).toBeCloseTo(after.finalScore!.scorePct!, 5);
    expect(after.disputes.map((d) => [d.id, d.status])).toEqual([[raised.value.id, 'changed']]);
    const again = await call('lead', 'POST', `/api/v1/disputes/${raised.value.id}/resolve`, { outcome: 'upheld', comment: 'x' });
    expect(again.error?.message).toMatch(/^Dispute #\d+ was already resolved \(changed\) by lead/);

    const trail = (await call<{ action: string; actor: string }[]>('lead', 'GET', `/api/v1/recordings/${mine!.id}/audit`)).value.map((a) => `${a.actor}:${a.action}`);
    expect(trail.slice(0, 3)).toEqual(['lead:resolve_dispute', 'lead:override', 'dana:dispute']);
    const told = (await call<NotificationList>('dana', 'GET', '/api/v1/notifications')).value;
    expect(told.items[0]).toMatchObject({ kind: 'dispute_resolved', title: 'Dispute changed: Did the agent show empathy?' });
    expect(told.items[0]!.body).toBe(`lead changed the answer "${raised.value.answer}" → "${flipped}": Agreed: two clear apologies.`);
    expect((await call<{ changed: number }>('dana', 'POST', '/api/v1/notifications/read', {})).value.changed).toBe(1);
    expect((await call<NotificationList>('dana', 'GET', '/api/v1/notifications?unread=true')).value).toEqual({ items: [], unread: 0 });

    // A reviewer disputes too; the lead upholds it.
    const byRev = await raise('rev', mineToo!.id, 'greeting');
    expect(byRev.value.raisedRole).toBe('reviewer');
    expect((await call<DisputeView>('lead', 'POST', `/api/v1/disputes/${byRev.value.id}/resolve`, { outcome: 'upheld', comment: 'The greeting is there.' })).value.status).toBe('upheld');

    const dash = (await call<DashboardView>('lead', 'GET', '/api/v1/dashboard')).value.disputes;
    expect(dash.byCriterion.find((c) => c.criterionId === 'empathy')).toEqual({ criterionId: 'empathy', question: 'Did the agent show empathy?', reviewed: 3, disputed: 1, resolved: 1, upheld: 0, disputeRate: 1 / 3, upheldRate: 0 });
    expect(dash.byCriterion.find((c) => c.criterionId === 'greeting')).toMatchObject({ reviewed: 3, disputed: 1, upheld: 1, upheldRate: 1 });
    expect(dash.byCriterion.find((c) => c.criterionId === 'closing')).toMatchObject({ reviewed: 3, disputed: 0, disputeRate: 0, upheldRate: null });
    expect(dash.byReviewer).toEqual([{ reviewer: 'rev', reviewed: 3, disputed: 2, resolved: 2, upheld: 1, disputeRate: 2 / 3, upheldRate: 0.5 }]);
    // An agent's dashboard counts their own calls only.
    expect((await call<DashboardView>('dana', 'GET', '/api/v1/dashboard')).value.disputes.byReviewer).toEqual([{ reviewer: 'rev', reviewed: 2, disputed: 2, resolved: 2, upheld: 1, disputeRate: 1, upheldRate: 0.5 }]);
  });
});

describe('coaching notes', () => {
  it('reach the call\'s agent (notified, on their call page); reviewers\' own comments stay theirs', async () => {
    const c = calls.find((x) => x.agent === 'dana')!;
    await call('rev', 'POST', `/api/v1/recordings/${c.id}/comments`, { text: 'Internal: check the refund policy.' });
    const coached = await call<ReviewView>('rev', 'POST', `/api/v1/recordings/${c.id}/comments`, { text: 'Offer the callback before the hold.', atSec: 65, coaching: true });
    expect(coached.value.comments.map((x) => [x.text, x.coaching])).toEqual([['Internal: check the refund policy.', false], ['Offer the callback before the hold.', true]]);
    const seen = (await call<ReviewView>('dana', 'GET', `/api/v1/recordings/${c.id}/review`)).value.comments;
    expect(seen.map((x) => x.text)).toEqual(['Offer the callback before the hold.']);
    const n = (await call<NotificationList>('dana', 'GET', '/api/v1/notifications?unread=true')).value;
    expect(n.items[0]).toMatchObject({ kind: 'coaching_note', recordingId: c.id, title: 'Coaching note from rev' });
    expect(n.items[0]!.body).toMatch(/ at 1:05: Offer the callback before the hold\.$/);
    // Nobody else is told, and agents cannot write comments.
    expect((await call<NotificationList>('eli', 'GET', '/api/v1/notifications')).value.items.filter((x) => x.kind === 'coaching_note')).toEqual([]);
    expect((await call('dana', 'POST', `/api/v1/recordings/${c.id}/comments`, { text: 'hi' })).status).toBe(403);
  });
});

describe('notification events', () => {
  it("reach their recipient's event stream only, whatever else that stream may see", async () => {
    const c = calls.find((x) => x.agent === 'dana')!;
    const streams: Record<string, string[]> = {};
    const url = new URL(s.origin);
    const reqs = ['dana', 'eli', 'lead'].map(async (who) => {
      const { cookie } = await s.login(who);
      const text: string[] = (streams[who] = []);
      const req = request({ host: url.hostname, port: url.port, path: '/api/v1/events', headers: { Cookie: cookie! } }, (res) => res.on('data', (b: Buffer) => text.push(b.toString())));
      req.end();
      await waitFor(`${who}'s stream to open`, () => (text.join('').includes(': connected') ? true : null));
      return req;
    });
    const open = await Promise.all(reqs);
    try {
      await call('rev', 'POST', `/api/v1/recordings/${c.id}/comments`, { text: 'Slow down when reading the card number back.', coaching: true });
      await waitFor("dana's notification event", () => (streams.dana!.join('').includes('event: notifications.new') ? true : null));
      expect(streams.dana!.join('')).toContain('"to":"dana"');
      // The lead sees every call's events, but not a notification addressed to someone else.
      await new Promise((r) => setTimeout(r, 300));
      expect(streams.lead!.join('')).not.toContain('notifications.new');
      expect(streams.eli!.join('')).not.toContain('notifications.new');
    } finally {
      for (const r of open) r.destroy();
    }
  });
});
