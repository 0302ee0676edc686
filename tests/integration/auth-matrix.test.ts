import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, roles, type OperationName } from '../../preload/contract/index.js';
import { roleRank } from '../../main/contract/registry.js';
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
