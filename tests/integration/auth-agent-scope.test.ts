import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwoAgents, type TwoAgents } from '../helpers/two-agents.js';
import { waitFor } from '../helpers/wait-for.js';
import type { UsersServer } from '../helpers/users-server.js';

/**
 * Issue 14, row-level scope: two agents with calls processed end to end against the fake providers.
 * Agent dana reaches none of agent sam's data through any path: lists, search, facets, dashboard,
 * call detail, transcript, analysis, metrics, checks, waveform, review, audio (a signed URL minted
 * for sam's call included), exports and reports, and the event stream. Every route of the route
 * table, generated, is tests/integration/auth-matrix.test.ts.
 */
let two: TwoAgents;
let s: UsersServer;
let ids: TwoAgents['ids'];

const as = (who: string) => ({ Authorization: `Bearer ${s.tokens[who]}` });
const get = async (who: string, path: string) => {
  const res = await fetch(`${s.origin}${path}`, { headers: as(who) });
  return { status: res.status, res, json: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as { ok: boolean; value: never; error: { category: string } }) : null };
};

beforeAll(async () => {
  two = await startTwoAgents();
  ({ s, ids } = two);
}, 120_000);
afterAll(async () => {
  await two?.close();
});

describe("an agent sees only their own calls", () => {
  it('lists, search, facets and dashboard figures hold only their calls, whatever filter they ask for', async () => {
    const list = (await get('dana', '/api/v1/calls?agent=sam&limit=50')).json!.value as { items: { id: number; agent: string }[]; total: number };
    expect(list.items.map((i) => i.id).sort()).toEqual([...ids.dana].sort());
    expect(list.total).toBe(2);
    // A word of sam's call only (two-agents.ts chose them): the reviewer finds it, dana does not.
    const phrase = two.samOnly.words[0]!;
    expect(phrase).toBeTruthy();
    expect(((await get('rita', `/api/v1/calls?q=${encodeURIComponent(phrase)}`)).json!.value as { items: { id: number }[] }).items.map((i) => i.id)).toContain(ids.sam[0]);
    expect(((await get('dana', `/api/v1/calls?q=${encodeURIComponent(phrase)}`)).json!.value as { items: { id: number }[] }).items.map((i) => i.id)).not.toContain(ids.sam[0]);
    const facets = (await get('dana', '/api/v1/calls/facets')).json!.value as { total: number; agents: { value: string }[] };
    expect(facets).toMatchObject({ total: 2, agents: [{ value: 'dana', count: 2 }] });
    const dash = (await get('dana', '/api/v1/dashboard?agent=sam')).json!.value as { overview: { calls: number }; agentScoreOverTime: { agent: string }[] };
    expect(dash.overview.calls).toBe(2);
    expect(new Set(dash.agentScoreOverTime.map((x) => x.agent))).toEqual(new Set(['dana']));
    const team = (await get('rita', '/api/v1/dashboard')).json!.value as { overview: { calls: number } };
    expect(team.overview.calls).toBe(3);
  });

  it("answers every per-call path for another agent's call as if it did not exist", async () => {
    const sam = ids.sam[0]!;
    const mine = ids.dana[0]!;
    for (const path of ['', '/analysis', '/transcript', '/metrics', '/checks', '/waveform', '/review', '/audio-url', '/audio', '/report.pdf', '/evidence.html', '/transcript.txt', '/transcript.srt']) {
      const theirs = await get('dana', `/api/v1/recordings/${sam}${path}`);
      expect(theirs.status, `sam ${path}`).toBe(404);
      expect(theirs.json?.error.category, `sam ${path}`).toBe('not_found');
      const own = await get('dana', `/api/v1/recordings/${mine}${path}`);
      expect([200, 206], `own ${path}`).toContain(own.status);
    }
    // Reviewer-only views of a call stay closed to agents even for their own calls.
    for (const path of ['/pii', '/egress', '/audit']) expect((await get('dana', `/api/v1/recordings/${mine}${path}`)).status).toBe(403);
  });

  it('does not play a signed audio URL minted for another agent’s call', async () => {
    const minted = (await get('rita', `/api/v1/recordings/${ids.sam[0]}/audio-url`)).json!.value as { url: string };
    const url = new URL(minted.url, s.origin);
    const { cookie } = await s.login('dana');
    expect((await fetch(url, { headers: { Cookie: cookie! } })).status).toBe(404);
    expect((await fetch(url)).status).toBe(401);
    const rita = (await s.login('rita')).cookie!;
    expect((await fetch(url, { headers: { Cookie: rita } })).status).toBe(200);
  });

  it('exports and reports only their calls, never unredacted', async () => {
    const csv = await (await fetch(`${s.origin}/api/v1/exports/calls.csv?agent=sam`, { headers: as('dana') })).text();
    const rows = csv.trim().split('\n').slice(1);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toContain('dana');
    expect(csv).not.toContain('_sam_');
    expect((await get('dana', '/api/v1/exports/calls.csv?redact=false')).status).toBe(403);
    const report = await fetch(`${s.origin}/api/v1/reports/agent.pdf?agent=sam&from=2024-05-01&to=2024-05-31`, { headers: as('dana') });
    expect(report.status).toBe(200);
    expect(report.headers.get('content-disposition')).toContain('agent-dana-');
    expect((await get('dana', '/api/v1/reports/team.pdf?from=2024-05-01&to=2024-05-31')).status).toBe(403);
  });

  it("carries no event about another agent's call on their event stream", async () => {
    const { cookie } = await s.login('dana');
    const text: string[] = [];
    const url = new URL(s.origin);
    const req = request({ host: url.hostname, port: url.port, path: '/api/v1/events', headers: { Cookie: cookie! } }, (res) => res.on('data', (c: Buffer) => text.push(c.toString())));
    req.end();
    await waitFor('the stream to open', () => (text.join('').includes(': connected') ? true : null));
    const rerun = (id: number) => fetch(`${s.origin}/api/v1/queue/rerun`, {
      method: 'POST', headers: { ...as('rita'), 'Content-Type': 'application/json' }, body: JSON.stringify({ recordingIds: [id], step: 'index' }),
    });
    await rerun(ids.sam[0]!);
    await rerun(ids.dana[0]!);
    await waitFor("an event about dana's call", () => (text.join('').includes(`"recordingId":${ids.dana[0]}`) ? true : null));
    req.destroy();
    const all = text.join('');
    expect(all).not.toContain(`"recordingId":${ids.sam[0]}`);
    expect(all).not.toMatch(/event: queue\.summary/);
  }, 30_000);
});
