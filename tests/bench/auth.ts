import type { BenchRow } from './bench-row.js';
import { startUsersServer } from '../helpers/users-server.js';

/**
 * Issue 14: what signing in costs a request. The same request (GET /api/v1/calls, first page) with the
 * session cookie and with the launch token, alternating in rounds on one server in this process;
 * target ≤ 0.3 ms added per request (a session is one indexed read; argon2 runs only at sign-in). And
 * sign-in itself (argon2id at OWASP's parameters + the session row), target ≤ 250 ms.
 */
export async function benchAuth(): Promise<BenchRow[]> {
  const s = await startUsersServer({ accounts: [{ username: 'rita', role: 'reviewer' }] });
  try {
    const { cookie } = await s.login('rita');
    const url = `${s.origin}/api/v1/calls?limit=20`;
    const time = async (headers: Record<string, string>, n: number) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await (await fetch(url, { headers })).arrayBuffer();
      return (performance.now() - t0) / n;
    };
    const withToken = { Authorization: `Bearer ${s.server.token}` };
    const withCookie = { Cookie: cookie! };
    await time(withToken, 200); // warm-up: connections, statement cache, JIT
    await time(withCookie, 200);
    const token: number[] = [];
    const session: number[] = [];
    for (let round = 0; round < 5; round++) {
      token.push(await time(withToken, 400));
      session.push(await time(withCookie, 400));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const added = median(session) - median(token);
    const logins: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await s.login('rita');
      logins.push(performance.now() - t0);
    }
    const r3 = (n: number) => Math.round(n * 1000) / 1000;
    return [
      {
        name: 'request with a session cookie (GET /api/v1/calls)', value: r3(median(session)), unit: 'ms',
        baselineName: 'the same request with the launch token', baseline: r3(median(token)), ratio: median(session) / median(token),
        target: '≤ 0.3 ms added', pass: added <= 0.3, note: `${r3(added)} ms added (median of 5 rounds × 400 requests each)`,
      },
      { name: 'sign-in (argon2id 19 MiB, t=2, p=1, + session row)', value: Math.round(median(logins)), unit: 'ms', target: '≤ 250 ms', pass: median(logins) <= 250, note: `runs ${logins.map(Math.round).join(', ')} ms` },
    ];
  } finally {
    await s.close();
  }
}
