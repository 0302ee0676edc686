import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PendingAcknowledgement, ReviewView } from '../../preload/contract/schemas/reviews.js';
import { seedCalls, type SeededCall } from '../helpers/seed-calls.js';
import { startUsersServer, type UsersServer } from '../helpers/users-server.js';

/**
 * Issue 15, agent acknowledgement: an agent acknowledges their own reviewed scorecard — once, with the
 * final score they saw, audited; not an unreviewed call, not another agent's (404, as if it did not
 * exist), and nobody but an agent. Leads see the reviewed calls still waiting; marking a call not
 * reviewed voids its acknowledgement.
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
  calls = seedCalls(s.core.db, { count: 120, seed: 3 });
}, 60_000);
afterAll(async () => {
  await s?.close();
});

const call = <T>(who: string, method: string, path: string, body?: unknown) => s.call<T>(who, method, path, body);

describe('agent acknowledgement', () => {
  it('an agent acknowledges their reviewed scorecard once; leads see what still waits', async () => {
    const [mine, mineToo] = calls.filter((c) => c.agent === 'dana' && c.scorePct !== null);
    const theirs = calls.find((c) => c.agent === 'eli' && c.scorePct !== null)!;
    const notYet = await call('dana', 'POST', `/api/v1/recordings/${mine!.id}/acknowledge`);
    expect([notYet.status, notYet.error?.message]).toEqual([400, 'This call has not been reviewed yet: there is no scorecard to acknowledge.']);

    for (const c of [mine!, mineToo!, theirs]) expect((await call('rev', 'PUT', `/api/v1/recordings/${c.id}/review`, { reviewed: true })).status).toBe(200);
    const waiting = await call<PendingAcknowledgement[]>('lead', 'GET', '/api/v1/acknowledgements/pending');
    expect(waiting.value.map((p) => p.recordingId).sort()).toEqual([mine!.id, mineToo!.id, theirs.id].sort());

    const ack = await call<ReviewView>('dana', 'POST', `/api/v1/recordings/${mine!.id}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(ack.value.acknowledgement).toEqual({ at: expect.any(String), by: 'dana', scorePct: ack.value.finalScore!.scorePct });
    // Once: a second acknowledgement changes nothing.
    const again = await call<ReviewView>('dana', 'POST', `/api/v1/recordings/${mine!.id}/acknowledge`);
    expect(again.value.acknowledgement).toEqual(ack.value.acknowledgement);
    expect(s.core.daos.audit.list('recording', String(mine!.id)).filter((a) => a.action === 'acknowledge').map((a) => a.actor)).toEqual(['dana']);
    expect((await call<PendingAcknowledgement[]>('lead', 'GET', '/api/v1/acknowledgements/pending')).value.map((p) => p.recordingId).sort()).toEqual([mineToo!.id, theirs.id].sort());

    // Another agent's call is not there for dana; a reviewer cannot acknowledge for an agent.
    const other = await call('dana', 'POST', `/api/v1/recordings/${theirs.id}/acknowledge`);
    expect(other.status).toBe(404);
    const byReviewer = await call('rev', 'POST', `/api/v1/recordings/${mineToo!.id}/acknowledge`);
    expect([byReviewer.status, byReviewer.error?.message]).toEqual([403, "Only the call's agent acknowledges its reviewed scorecard."]);
    // Agents do not see the lead's list.
    expect((await call('dana', 'GET', '/api/v1/acknowledgements/pending')).status).toBe(403);
  });

  it('marking the call not reviewed voids its acknowledgement', async () => {
    const c = calls.find((x) => x.agent === 'dana' && x.scorePct !== null)!;
    expect((await call<ReviewView>('dana', 'GET', `/api/v1/recordings/${c.id}/review`)).value.acknowledgement).not.toBeNull();
    await call('rev', 'PUT', `/api/v1/recordings/${c.id}/review`, { reviewed: false });
    expect((await call<ReviewView>('dana', 'GET', `/api/v1/recordings/${c.id}/review`)).value.acknowledgement).toBeNull();
    await call('rev', 'PUT', `/api/v1/recordings/${c.id}/review`, { reviewed: true });
    expect((await call<PendingAcknowledgement[]>('lead', 'GET', '/api/v1/acknowledgements/pending')).value.map((p) => p.recordingId)).toContain(c.id);
  });
});
