import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRecordingPath } from '../../main/contract/blindness.js';
import { roleRank } from '../../main/contract/registry.js';
import { httpRoutes } from '../../main/server/http-routes.js';
import { operations } from '../../preload/contract/index.js';
import type { CalibrationDetail, CalibrationResults, CalibrationSummary } from '../../preload/contract/schemas/calibrations.js';
import type { RubricView } from '../../preload/contract/schemas/rubrics.js';
import { readAsText } from '../helpers/read-as-text.js';
import { startTwoAgents, type TwoAgents } from '../helpers/two-agents.js';
import type { UsersServer } from '../helpers/users-server.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * Issue 15, calibration blindness: until reviewer rita submits her scores, no route returns the AI's
 * answer or another reviewer's answer for a call she scores blind. Three calls went through the whole
 * pipeline against the fake providers (real AI answers); the session holds two of them; the other
 * participant (ravi) submitted with a note, and the call's owner-side review carries an override and a
 * comment. The route table is probed whole, generated like the access matrix: a recording route that
 * does not declare itself safe refuses the call with the blind message; a safe one (transcript, audio,
 * waveform…) answers; every other route either refuses while she scores or leaves the call out — and
 * no body, whatever its format, holds the notes. Then the read paths one by one, the event stream,
 * and everything open again after she submits. The lead who is not a participant is never blind.
 */
let two: TwoAgents;
let s: UsersServer;
let blinded: number;
let outside: number;
let session: CalibrationSummary;
let rubric: RubricView;
const notes = ['zebra-override-note', 'narwhal-review-comment', 'okapi-calibration-note'];
const blindMessage = 'You are scoring this call blind in calibration “Blind May”; its answers open once you submit your scores.';

const as = (who: string) => ({ Authorization: s.tokens[who] ? `Bearer ${s.tokens[who]}` : `Bearer ${s.server.token}`, 'Content-Type': 'application/json' });
const call = <T>(who: string, method: string, path: string, body?: unknown) => s.call<T>(who, method, path, body);

const fullAnswers = (note: string) => [blinded, two.ids.sam[0]!].flatMap((recordingId) =>
  rubric.criteria.map((k) => ({ recordingId, criterionId: k.id, answer: k.type === 'scale_1_5' ? '3' : 'yes', comment: note })));

beforeAll(async () => {
  two = await startTwoAgents([{ username: 'lena', role: 'lead' }, { username: 'ravi', role: 'reviewer' }]);
  s = two.s;
  [blinded, outside] = two.ids.dana as [number, number];
  rubric = (await call<RubricView[]>('owner', 'GET', '/api/v1/rubrics')).value.find((r) => r.isDefault)!;
  // A person's answers on the call before the session: an override with a note, a review comment.
  const first = rubric.criteria[0]!;
  expect((await call('owner', 'PUT', `/api/v1/recordings/${blinded}/overrides/${first.id}`, { answer: first.type === 'scale_1_5' ? '2' : 'no', comment: notes[0] })).status).toBe(200);
  expect((await call('owner', 'POST', `/api/v1/recordings/${blinded}/comments`, { text: notes[1] })).status).toBe(200);
  session = (await call<CalibrationSummary>('lena', 'POST', '/api/v1/calibrations', {
    name: 'Blind May', recordingIds: [blinded, two.ids.sam[0]], participantIds: [s.users.rita!.id, s.users.ravi!.id],
  })).value;
  const ravi = await call('ravi', 'POST', `/api/v1/calibrations/${session.id}/answers`, { answers: fullAnswers(notes[2]!), submit: true });
  expect(ravi.status).toBe(200);
}, 240_000);
afterAll(async () => {
  await two?.close();
});

const reviewerReaches = (role: string) => role === 'public' || roleRank(role as 'agent') <= roleRank('reviewer');
const routeTable = () => [
  ...Object.values(operations).filter((d) => d.method === 'GET' && reviewerReaches(d.role)).map((d) => ({ path: d.path, safe: d.blind === 'safe' || d.scope === 'none' || d.scope === 'self' })),
  ...httpRoutes.filter((r) => r.method === 'GET' && reviewerReaches(r.role)).map((r) => ({ path: r.path, safe: r.blind === 'safe' })),
];

describe('a reviewer scoring calls blind in calibration', () => {
  it('on every route of the route table: refused, or without the call\'s answers', async () => {
    const fileName = (await call<{ fileName: string }>('rita', 'GET', `/api/v1/recordings/${blinded}`)).value.fileName;
    const wrong: string[] = [];
    let answered = 0;
    for (const route of routeTable()) {
      if (isRecordingPath(route.path)) {
        const res = await fetch(`${s.origin}${route.path.replace('{id}', String(blinded))}`, { headers: as('rita') });
        const text = await readAsText(res);
        if (route.safe) {
          if (!res.ok) wrong.push(`${route.path} (safe): ${res.status}`);
        } else if (res.status !== 403 || !text.includes(blindMessage)) wrong.push(`${route.path}: ${res.status}, not the blind refusal`);
        for (const note of notes) if (text.includes(note)) wrong.push(`${route.path}: "${note}"`);
        continue;
      }
      const path = route.path.replace('{id}', route.path.includes('/calibrations/') ? String(session.id) : '1');
      for (const query of ['', `ids=${blinded}`, 'agent=dana', `recordingId=${blinded}`, 'from=2024-05-01&to=2024-05-31']) {
        const res = await fetch(`${s.origin}${path}${query ? `?${query}` : ''}`, { headers: as('rita') });
        const text = await readAsText(res);
        if (res.ok) answered++;
        for (const note of notes) if (text.includes(note)) wrong.push(`${path}?${query}: "${note}"`);
        // A route that is not declared safe either refuses or leaves the call out of what it lists.
        if (res.ok && !route.safe && text.includes(fileName.replace(/\.[a-z0-9]+$/, ''))) wrong.push(`${path}?${query}: lists the blind call`);
      }
    }
    expect(wrong).toEqual([]);
    expect(answered).toBeGreaterThan(40);
  }, 180_000);

  it('refuses every write about the call that is not declared safe (its answer would come back), with the operation\'s own example input', async () => {
    const wrong: string[] = [];
    let probed = 0;
    for (const [name, def] of Object.entries(operations)) {
      if (def.method === 'GET' || !isRecordingPath(def.path) || !reviewerReaches(def.role) || def.blind === 'safe') continue;
      const example: Record<string, unknown> = { ...(def.example.input as Record<string, unknown>), id: blinded };
      const params = [...def.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const path = def.path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(String(example[p])));
      const body = Object.fromEntries(Object.entries(example).filter(([k]) => !params.includes(k)));
      const r = await call('rita', def.method, def.method === 'DELETE' ? `${path}?${new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)]))}` : path, def.method === 'DELETE' ? undefined : body);
      probed++;
      if (r.status !== 403 || r.error?.message !== blindMessage) wrong.push(`${name}: ${r.status} ${r.error?.message ?? ''}`);
    }
    expect(wrong).toEqual([]);
    expect(probed).toBeGreaterThan(10);
  });

  it('refuses the call detail\'s answers, its review and audit, and leaves it out of lists, exports and the dashboard', async () => {
    for (const path of ['/analysis', '/review', '/audit', '/checks', '/report.pdf', '/evidence.html']) {
      const r = await call('rita', 'GET', `/api/v1/recordings/${blinded}${path}`);
      expect(r.status, path).toBe(403);
      expect(r.error!.message, path).toBe(blindMessage);
      expect(r.error!.hint).toContain('transcript and audio stay open');
    }
    // What carries no answer stays open: she scores from it.
    for (const path of ['', '/transcript', '/waveform', '/metrics', '/audio-url', '/audio', '/transcript.txt']) {
      expect((await fetch(`${s.origin}/api/v1/recordings/${blinded}${path}`, { headers: as('rita') })).status, path).toBeLessThan(300);
    }
    // Writing an answer on the call is refused too (its answer comes back in the response).
    expect((await call('rita', 'PUT', `/api/v1/recordings/${blinded}/overrides/${rubric.criteria[0]!.id}`, { answer: 'yes', comment: 'peeking at the AI' })).error!.message).toBe(blindMessage);
    const list = (await call<{ items: { id: number }[]; total: number }>('rita', 'GET', `/api/v1/calls?ids=${blinded},${outside}`)).value;
    expect(list.items.map((i) => i.id)).toEqual([outside]);
    const search = (await call<{ items: { id: number }[] }>('rita', 'GET', `/api/v1/calls?agent=dana&criterion=${rubric.criteria[0]!.id}`)).value;
    expect(search.items.map((i) => i.id)).not.toContain(blinded);
    const dash = async (who: string) => (await call<{ overview: { calls: number } }>(who, 'GET', '/api/v1/dashboard?agent=dana')).value.overview.calls;
    expect(await dash('lena')).toBe(2);
    expect(await dash('rita')).toBe(1);
    const csv = await (await fetch(`${s.origin}/api/v1/exports/calls.csv?ids=${blinded},${outside}`, { headers: as('rita') })).text();
    expect(csv.trim().split('\n')).toHaveLength(2);
    // Reports leave the call out of their figures and lists; the lead's has it.
    const reportText = async (who: string) => readAsText(await fetch(`${s.origin}/api/v1/reports/agent.pdf?agent=dana&from=2024-05-01&to=2024-05-31`, { headers: as(who) }));
    const fileBase = (await call<{ fileName: string }>('rita', 'GET', `/api/v1/recordings/${blinded}`)).value.fileName.replace(/\.[a-z0-9]+$/, '');
    expect(await reportText('lena')).toContain(fileBase);
    expect(await reportText('rita')).not.toContain(fileBase);
    // What can neither refuse one call nor leave it out is closed while she scores (saving any export to a file).
    const save = await call('rita', 'POST', '/api/v1/exports/write', { path: '/api/v1/exports/calls.csv', destination: '/tmp/never.csv' });
    expect(save.status).toBe(403);
    expect(save.error!.message).toBe('While you score calls blind in calibration “Blind May”, this is closed to you: it could show their answers.');
    // The session itself: her own (empty) answers, never ravi's; no results until she submits.
    const mine = (await call<CalibrationDetail>('rita', 'GET', `/api/v1/calibrations/${session.id}`)).value;
    expect(mine.myAnswers).toEqual([]);
    expect((await call('rita', 'GET', `/api/v1/calibrations/${session.id}/results`)).status).toBe(403);
  });

  it('carries no event about the call on her event stream', async () => {
    const { cookie } = await s.login('rita');
    const text: string[] = [];
    const url = new URL(s.origin);
    const req = request({ host: url.hostname, port: url.port, path: '/api/v1/events', headers: { Cookie: cookie! } }, (res) => res.on('data', (c: Buffer) => text.push(c.toString())));
    req.end();
    await waitFor('the stream to open', () => (text.join('').includes(': connected') ? true : null));
    for (const id of [blinded, outside]) await call('owner', 'POST', '/api/v1/queue/rerun', { recordingIds: [id], step: 'index' });
    await waitFor('an event about the other call', () => (text.join('').includes(`"recordingId":${outside}`) ? true : null));
    req.destroy();
    expect(text.join('')).not.toContain(`"recordingId":${blinded}`);
  }, 30_000);

  it('holds back her notifications about the call (a dispute names its answer) until she submits', async () => {
    s.core.daos.notifications.insert({ recipients: ['rita'], kind: 'dispute_raised', recordingId: blinded, title: 'Dispute: greeting', body: `dana disputes the answer "no": ${notes[0]}`, at: new Date().toISOString() });
    s.core.daos.notifications.insert({ recipients: ['rita'], kind: 'coaching_note', recordingId: outside, title: 'About the other call', body: 'fine', at: new Date().toISOString() });
    const before = (await call<{ items: { recordingId: number }[]; unread: number }>('rita', 'GET', '/api/v1/notifications')).value;
    expect([before.items.map((n) => n.recordingId), before.unread]).toEqual([[outside], 1]);
    // Disputes list the same way: the blind call's are left out (the lead, not scoring, sees it).
    s.core.daos.disputes.insert({ recordingId: blinded, criterionId: rubric.criteria[0]!.id, answer: 'no', atSec: null, comment: notes[0]!, raisedBy: 'dana', raisedRole: 'agent', reviewer: null, at: new Date().toISOString() });
    const listed = async (who: string) => (await call<{ recordingId: number }[]>(who, 'GET', '/api/v1/disputes')).value.map((d) => d.recordingId);
    expect(await listed('lena')).toEqual([blinded]);
    expect(await listed('rita')).toEqual([]);
  });

  it('the lead who does not score is not blind; after she submits everything opens again', async () => {
    expect((await call('lena', 'GET', `/api/v1/recordings/${blinded}/analysis`)).status).toBe(200);
    expect((await call('rita', 'POST', `/api/v1/calibrations/${session.id}/answers`, { answers: fullAnswers('rita'), submit: true })).status).toBe(200);
    for (const path of ['/analysis', '/review', '/checks']) expect((await call('rita', 'GET', `/api/v1/recordings/${blinded}${path}`)).status, path).toBe(200);
    expect(JSON.stringify((await call('rita', 'GET', `/api/v1/recordings/${blinded}/review`)).value)).toContain(notes[0]);
    expect((await call<{ items: { id: number }[] }>('rita', 'GET', `/api/v1/calls?ids=${blinded}`)).value.items.map((i) => i.id)).toEqual([blinded]);
    expect((await call<{ unread: number }>('rita', 'GET', '/api/v1/notifications')).value.unread).toBe(2);
    const results = (await call<CalibrationResults>('rita', 'GET', `/api/v1/calibrations/${session.id}/results`)).value;
    expect(results.reviewers.map((r) => r.name)).toEqual(['ravi', 'rita']);
  });
});
