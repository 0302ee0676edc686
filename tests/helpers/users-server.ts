import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Role } from '../../preload/contract/define.js';
import { loadConfig } from '../../main/config/load-config.js';
import { buildCore, type Core } from '../../main/core.js';
import { httpRoutes } from '../../main/server/http-routes.js';
import { startServer, type RunningServer } from '../../main/server/start-server.js';
import { retryStaleConnectionsTo } from './fetch-retry.js';

/**
 * A team server in this process (CCA_AUTH=users) on a fresh data folder, with one account per role
 * (password `<role>-passphrase-ok`, agents linked to agent names) and a personal token each, and a
 * clock the test can move (sessions and tokens expire by it).
 */
export interface UsersServer {
  core: Core;
  server: RunningServer;
  origin: string;
  clock: { now: number; advance(ms: number): void };
  /** Every log line the core wrote (debug and up). */
  logs: string[];
  /** Personal tokens by username. */
  tokens: Record<string, string>;
  users: Record<string, { id: number; password: string }>;
  /**
   * One JSON call as a user (their personal token; the owner's launch token for a name without one):
   * the status, and the value or the error.
   */
  call<T>(who: string, method: string, path: string, body?: unknown): Promise<ApiAnswer<T>>;
  /** Sign in; the `cca_session=…` cookie pair, or the failed response. */
  login(username: string, password?: string, headers?: Record<string, string>): Promise<{ cookie: string | null; res: Response }>;
  close(): Promise<void>;
}

export interface ApiAnswer<T> { status: number; value: T; error?: { category: string; message: string; hint: string } }

export const password = (username: string) => `${username}-passphrase-ok`;

export async function startUsersServer(opts: { accounts?: { username: string; role: Role; agentName?: string }[]; env?: Record<string, string> } = {}): Promise<UsersServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cca-users-'));
  const clock = { now: Date.now(), advance(ms: number) { this.now += ms; } };
  const config = loadConfig({ CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test', CCA_AUTH: 'users', ...opts.env });
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const core = await buildCore({ config, mode: 'browser', logger, clock: () => clock.now, env: { ...process.env, ...opts.env } });
  const accounts = opts.accounts ?? [
    { username: 'agent', role: 'agent' as const, agentName: 'dana' }, { username: 'reviewer', role: 'reviewer' as const },
    { username: 'lead', role: 'lead' as const }, { username: 'admin', role: 'admin' as const },
  ];
  const tokens: Record<string, string> = {};
  const users: UsersServer['users'] = {};
  for (const a of accounts) {
    const { user } = await core.userAdmin.create({ ...a, password: password(a.username) }, 'test');
    users[a.username] = { id: user.id, password: password(a.username) };
    tokens[a.username] = core.auth.createToken(user.id, 'test', null, 'test').token;
  }
  const server = await startServer(core, { port: 0, rawRoutes: httpRoutes, staticDir: null, eventHeartbeatMs: 200 });
  const origin = `http://127.0.0.1:${server.port}`;
  retryStaleConnectionsTo(origin);
  return {
    core, server, origin, clock, logs, tokens, users,
    async call<T>(who: string, method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
      const res = await fetch(`${origin}${path}`, {
        method, headers: { Authorization: `Bearer ${tokens[who] ?? server.token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as Omit<ApiAnswer<T>, 'status'>;
      return { status: res.status, value: json.value, error: json.error };
    },
    async login(username, pw = password(username), headers = {}) {
      const res = await fetch(`${origin}/api/v1/auth/login`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin, ...headers }, body: JSON.stringify({ username, password: pw }),
      });
      const set = res.headers.get('set-cookie');
      return { cookie: set ? set.split(';')[0]! : null, res };
    },
    async close() {
      await server.close();
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
