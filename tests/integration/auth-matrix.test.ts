import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, roles, type OperationName } from '../../preload/contract/index.js';
import { roleRank } from '../../main/contract/registry.js';
import { httpRoutes } from '../../main/server/http-routes.js';
import { readAsText } from '../helpers/read-as-text.js';
import { startTwoAgents, type TwoAgents } from '../helpers/two-agents.js';
import { startUsersServer, type UsersServer } from '../helpers/users-server.js';

/**
 * Issue 14: the access matrix, generated from the contract — every operation × {anonymous, agent,
 * reviewer, lead, admin} over HTTP in users mode, each answering as its declaration says. Requests
 * carry an unknown field, so an allowed caller gets 400 (the input check comes after the role check)
 * and nothing is changed; a refused one gets 401 (nobody signed in) or 403 (role too low) in the
 * envelope. A new operation without a declaration does not compile; one declared for agents without
 * a scope does not either, and is caught here too.
 */
let s: UsersServer;
beforeAll(async () => {
  s = await startUsersServer();
}, 60_000);
afterAll(async () => {
  await s?.close();
});

const callers = ['anonymous', ...roles] as const;

async function probe(name: OperationName, caller: (typeof callers)[number]): Promise<{ status: number; category?: string; message?: string }> {
  const def = operations[name];
  const path = def.path.replace(/\{[^}]+\}/g, '1');
  const body = def.method === 'GET' || def.method === 'DELETE' ? undefined : JSON.stringify({ __probe: 1 });
  const url = `${s.origin}${path}${body === undefined ? '?__probe=1' : ''}`;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (caller !== 'anonymous') headers.Authorization = `Bearer ${s.tokens[caller]}`;
  const res = await fetch(url, { method: def.method, headers, body });
  const json = (await res.json()) as { ok: boolean; error?: { category: string; message: string } };
  return { status: res.status, category: json.error?.category, message: json.error?.message };
}

describe('access matrix from the contract', () => {
  it('every operation declares who may call it, and agent operations their scope', () => {
    for (const [name, def] of Object.entries(operations)) {
      expect(['public', ...roles], name).toContain(def.role);
      if (def.role === 'agent') expect(['recording', 'calls', 'self', 'none'], name).toContain(def.scope);
    }
  });

  it('answers every operation × caller as declared', async () => {
    const wrong: string[] = [];
    for (const name of Object.keys(operations) as OperationName[]) {
      const def = operations[name];
      for (const caller of callers) {
        const r = await probe(name, caller);
        const allowed = def.role === 'public' || (caller !== 'anonymous' && roleRank(caller) >= roleRank(def.role));
        const expected = allowed ? 400 : caller === 'anonymous' ? 401 : 403;
        if (r.status !== expected || (!allowed && r.category !== (caller === 'anonymous' ? 'auth' : 'forbidden'))) {
          wrong.push(`${name} as ${caller}: ${r.status} ${r.category} "${r.message}" (expected ${expected})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it('/metrics and the event stream need a signed-in caller; the launch token is the owner', async () => {
    expect((await fetch(`${s.origin}/metrics`)).status).toBe(401);
    expect((await fetch(`${s.origin}/metrics`, { headers: { Authorization: `Bearer ${s.tokens.agent}` } })).status).toBe(403);
    expect((await fetch(`${s.origin}/metrics`, { headers: { Authorization: `Bearer ${s.tokens.reviewer}` } })).status).toBe(200);
    expect((await fetch(`${s.origin}/api/v1/events`)).status).toBe(401);
    const me = await fetch(`${s.origin}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${s.server.token}` } });
    expect(((await me.json()) as { value: unknown }).value).toMatchObject({ owner: true, role: 'admin', mode: 'users' });
    const wrong = await fetch(`${s.origin}/api/v1/auth/me`, { headers: { Authorization: 'Bearer cca_pat_nope' } });
    expect(wrong.status).toBe(401);
  });
});

/**
 * Issue 30: the route table itself — every JSON operation and every non-JSON route (exports, reports,
 * audio) an agent may reach — asked by agent dana with a token and with a session cookie, plainly and
 * with every filter that could widen it (another agent, another call's id, a word from another call),
 * and the body read as a person would (CSV, JSON, HTML, text, PDF, XLSX, DOCX): nothing of agent sam's
 * — file name, customer, the words only sam's call has — may be in any of them. A route added later
 * is probed the same way without anyone listing it here.
 */
describe('an agent, on every route of the route table', () => {
  let two: TwoAgents;
  beforeAll(async () => {
    two = await startTwoAgents([{ username: 'lead', role: 'lead' }, { username: 'admin', role: 'admin' }]);
  }, 180_000);
  afterAll(async () => {
    await two?.close();
  });

  const agentGets = () => [
    ...Object.entries(operations).filter(([, d]) => d.role === 'agent' && d.method === 'GET').map(([name, d]) => ({ name, path: d.path })),
    ...httpRoutes.filter((r) => r.role === 'agent' && r.method === 'GET').map((r) => ({ name: `${r.method} ${r.path}`, path: r.path })),
  ];

  it('answers another agent\'s call as if it did not exist, and never shows their file name, customer or words', async () => {
    const { s, ids, samOnly } = two;
    const dana = { token: { Authorization: `Bearer ${s.tokens.dana}` }, cookie: { Cookie: (await s.login('dana')).cookie! } };
    const leaks = [samOnly.fileName, samOnly.customer, ...samOnly.words.slice(0, 6)];
    expect(samOnly.words.length).toBeGreaterThan(3);
    const widen = ['', 'agent=sam', `ids=${ids.sam[0]}`, `q=${encodeURIComponent(samOnly.words[0]!)}`, 'agent=sam&from=2024-01-01&to=2024-12-31'];
    const found: string[] = [];
    let read = 0;
    for (const route of agentGets()) {
      for (const [how, headers] of Object.entries(dana)) {
        if (route.path.includes('{id}')) {
          const theirs = await fetch(`${s.origin}${route.path.replace('{id}', String(ids.sam[0]))}`, { headers });
          await theirs.arrayBuffer();
          if (theirs.status !== 404) found.push(`${route.name} (${how}) for sam's call: ${theirs.status}, not 404`);
        }
        for (const query of widen) {
          const url = `${s.origin}${route.path.replace('{id}', String(ids.dana[0]))}${query ? `?${query}` : ''}`;
          const res = await fetch(url, { headers });
          const text = await readAsText(res);
          if (res.ok) read++;
          for (const leak of leaks) if (text.toLowerCase().includes(leak.toLowerCase())) found.push(`${route.name} (${how}) ?${query}: "${leak}"`);
        }
      }
    }
    expect(found).toEqual([]);
    // The probe reads real bodies: plenty of routes answered, and the reviewer's CSV does hold sam's call.
    expect(read).toBeGreaterThan(40);
    const all = await readAsText(await fetch(`${s.origin}/api/v1/exports/calls.json`, { headers: { Authorization: `Bearer ${s.tokens.rita}` } }));
    for (const leak of leaks.slice(0, 3)) expect(all.toLowerCase()).toContain(leak.toLowerCase());
  }, 240_000);

  it('refuses the non-JSON routes by role as declared, for every role', async () => {
    const { s } = two;
    const wrong: string[] = [];
    for (const route of httpRoutes) {
      const path = route.path.replace('{id}', String(two.ids.dana[0]));
      for (const caller of callers) {
        const account = { agent: 'dana', reviewer: 'rita', lead: 'lead', admin: 'admin' } as const;
        const headers: Record<string, string> = caller === 'anonymous' ? {} : { Authorization: `Bearer ${s.tokens[account[caller]]}` };
        const res = await fetch(`${s.origin}${path}?__probe=1`, { method: route.method, headers });
        await res.arrayBuffer();
        const allowed = route.role === 'public' || (caller !== 'anonymous' && roleRank(caller) >= roleRank(route.role));
        if (!allowed && res.status !== (caller === 'anonymous' ? 401 : 403)) wrong.push(`${route.method} ${route.path} as ${caller}: ${res.status}`);
        if (allowed && (res.status === 401 || res.status === 403)) wrong.push(`${route.method} ${route.path} as ${caller}: refused (${res.status})`);
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});
