import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { password, startUsersServer, type UsersServer } from '../helpers/users-server.js';

/**
 * Issue 30 items 4–6: sign-in throttling counted before the password is verified, so a burst gets
 * no more guesses than a patient attacker; the address behind a proxy is the one the proxy appended;
 * a password change ends every session and token; weak passwords are refused with the reason; a
 * sign-in posted from another site is refused.
 */
let s: UsersServer;
beforeAll(async () => {
  s = await startUsersServer({
    accounts: [{ username: 'dana', role: 'agent', agentName: 'dana' }, { username: 'rita', role: 'reviewer' }, { username: 'admin', role: 'admin' }],
    env: { CCA_TRUST_PROXY: 'true' },
  });
}, 60_000);
afterAll(async () => {
  await s?.close();
});

const audit = async (actor: string) =>
  ((await (await fetch(`${s.origin}/api/v1/audit?actor=${actor}&entity=auth&limit=200`, { headers: { Authorization: `Bearer ${s.tokens.admin}` } })).json()) as { value: { entries: { action: string; newValue: { ip?: string } | null }[] } }).value.entries;
const statuses = (xs: number[]) => Object.fromEntries([...new Set(xs)].sort().map((c) => [c, xs.filter((x) => x === c).length]));

describe('sign-in throttling under a burst', () => {
  it('verifies at most 5 of 60 parallel wrong passwords, answers the rest 429, and audits the lock once', async () => {
    // Every attempt claims another client address, in varied letter case: neither buys more guesses.
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) =>
      s.login(i % 2 ? 'DANA' : 'dana', `wrong-guess-number-${i}`, { 'X-Forwarded-For': `203.0.113.${i}, 10.0.0.7` })));
    const codes = burst.map((b) => b.res.status);
    const by = statuses(codes);
    expect(by[401] ?? 0, JSON.stringify(by)).toBeLessThanOrEqual(5);
    expect((by[401] ?? 0) + (by[429] ?? 0)).toBe(60);
    const entries = await audit('dana');
    const failed = entries.filter((e) => e.action === 'login_failed');
    expect(failed).toHaveLength(5); // exactly the verified attempts
    expect(entries.filter((e) => e.action === 'login_locked')).toHaveLength(1);
    // The address audited is the one the proxy appended, not what the client claimed.
    expect(new Set(failed.map((e) => e.newValue?.ip))).toEqual(new Set(['10.0.0.7']));
    // Even the right password waits now.
    expect((await s.login('dana', password('dana'))).res.status).toBe(429);
    s.clock.advance(16 * 60_000);
    expect((await s.login('dana', password('dana'), { 'X-Forwarded-For': '10.0.0.8' })).res.status).toBe(200);
  });

  it('takes the client address from the proxy\'s own hop, whatever the client put before it', async () => {
    await s.login('rita', password('rita'), { 'X-Forwarded-For': '1.2.3.4, 198.51.100.9' });
    const login = (await audit('rita')).find((e) => e.action === 'login')!;
    expect(login.newValue?.ip).toBe('198.51.100.9');
  });
});

describe('passwords', () => {
  const asAdmin = () => ({ Authorization: `Bearer ${s.tokens.admin}`, 'Content-Type': 'application/json' });

  it('refuses weak passwords with the reason, on creation and reset', async () => {
    for (const weak of ['aaaaaaaaaaaa', '123456789012', 'passwordpassword', '            ', 'qwertyuiopasdf']) {
      const res = await fetch(`${s.origin}/api/v1/users`, { method: 'POST', headers: asAdmin(), body: JSON.stringify({ username: 'weakling', role: 'reviewer', password: weak }) });
      const body = (await res.json()) as { error: { category: string; message: string } };
      expect(res.status, JSON.stringify(weak)).toBe(400);
      expect(body.error.message, JSON.stringify(weak)).toMatch(/too easy to guess|most common/);
    }
    const rita = (await (await fetch(`${s.origin}/api/v1/users`, { headers: asAdmin() })).json()) as { value: { id: number; username: string }[] };
    const id = rita.value.find((u) => u.username === 'rita')!.id;
    const reset = await fetch(`${s.origin}/api/v1/users/${id}/password`, { method: 'POST', headers: asAdmin(), body: JSON.stringify({ password: 'passwordpassword' }) });
    expect(reset.status).toBe(400);
    const strong = await fetch(`${s.origin}/api/v1/users`, { method: 'POST', headers: asAdmin(), body: JSON.stringify({ username: 'strongling', role: 'reviewer', password: 'violet kettle under seven bridges' }) });
    expect(strong.status).toBe(200);
  });

  it('ends every personal token and session of a user when their password changes or is reset', async () => {
    const mint = async () => {
      const { cookie } = await s.login('rita', current);
      const res = await fetch(`${s.origin}/api/v1/auth/tokens`, { method: 'POST', headers: { Cookie: cookie!, Origin: s.origin, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'script' }) });
      return { cookie: cookie!, token: ((await res.json()) as { value: { token: string } }).value.token };
    };
    const me = (headers: Record<string, string>) => fetch(`${s.origin}/api/v1/auth/me`, { headers }).then((r) => r.status);
    let current = password('rita');
    // Her own change.
    const first = await mint();
    expect(await me({ Authorization: `Bearer ${first.token}` })).toBe(200);
    const next = 'amber lantern over quiet harbour';
    const changed = await fetch(`${s.origin}/api/v1/auth/password`, { method: 'POST', headers: { Cookie: first.cookie, Origin: s.origin, 'Content-Type': 'application/json' }, body: JSON.stringify({ current, next }) });
    expect(changed.status).toBe(200);
    current = next;
    expect(await me({ Authorization: `Bearer ${first.token}` })).toBe(401);
    expect(await me({ Authorization: `Bearer ${s.tokens.rita}` })).toBe(401);
    // An administrator's reset.
    const second = await mint();
    expect(await me({ Authorization: `Bearer ${second.token}` })).toBe(200);
    const users = (await (await fetch(`${s.origin}/api/v1/users`, { headers: asAdmin() })).json()) as { value: { id: number; username: string }[] };
    const id = users.value.find((u) => u.username === 'rita')!.id;
    expect((await fetch(`${s.origin}/api/v1/users/${id}/password`, { method: 'POST', headers: asAdmin(), body: JSON.stringify({}) })).status).toBe(200);
    expect(await me({ Authorization: `Bearer ${second.token}` })).toBe(401);
    expect(await me({ Cookie: second.cookie })).toBe(401);
  });
});

describe('sign-in from another site', () => {
  it('is refused whatever the content type; the app\'s own page and scripts sign in', async () => {
    const send = (headers: Record<string, string>) => fetch(`${s.origin}/api/v1/auth/login`, {
      method: 'POST', headers: { 'Content-Type': 'text/plain', ...headers }, body: JSON.stringify({ username: 'admin', password: password('admin') }),
    });
    const foreign = await send({ Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
    expect((await send({ 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await send({ Origin: s.origin })).status).toBe(200);
    expect((await send({})).status).toBe(200);
  });
});
