import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiTokensDao } from '../../../db/dao/api-tokens-dao.js';
import { SessionsDao } from '../../../db/dao/sessions-dao.js';
import { UsersDao } from '../../../db/dao/users-dao.js';
import { openDatabase } from '../../../db/open.js';

/**
 * Issue 31: one SQL idiom in the DAOs. The account, session and token DAOs (read on every signed-in
 * request) time every statement through db.timed: each method shows up in the durations the core
 * turns into cca_db_query_duration_seconds, named after its DAO.
 */
const dir = mkdtempSync(join(tmpdir(), 'cca-daos-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('auth DAOs', () => {
  it('time every statement they run, by name', async () => {
    const timed: string[] = [];
    const db = await openDatabase({ file: join(dir, 'a.sqlite'), busyTimeoutMs: 1000, readConnections: 0, slowQueryMs: 10_000, logger: pino({ level: 'silent' }), onTimed: (op) => void timed.push(op) });
    try {
      const users = new UsersDao(db);
      const tokens = new ApiTokensDao(db);
      const sessions = new SessionsDao(db);
      timed.length = 0; // migrations
      const u = users.insert({ username: 'dana', displayName: 'Dana', role: 'agent', agentName: 'dana', passwordHash: 'h', now: 1 });
      expect(users.byUsername('DANA')?.id).toBe(u.id);
      users.update(u.id, { lastLoginAt: 5, disabled: false });
      expect(users.list()).toHaveLength(1);
      expect(users.count()).toBe(1);
      const t = tokens.insert({ userId: u.id, name: 'n', tokenHash: 'th', createdAt: 1, expiresAt: null });
      expect(tokens.byHash('th')?.id).toBe(t.id);
      expect(tokens.withUser('th')).toMatchObject({ username: 'dana', role: 'agent' });
      tokens.touch(t.id, 2);
      expect(tokens.forUser(u.id)[0]).toMatchObject({ lastUsedAt: 2 });
      expect(tokens.revoke(u.id, t.id, 3)).toBe(true);
      expect(tokens.revokeAllForUser(u.id, 4)).toBe(0);
      sessions.insert({ idHash: 'sh', userId: u.id, createdAt: 1, lastSeenAt: 1, expiresAt: 100, ip: null, userAgent: 'x'.repeat(400) });
      expect(sessions.withUser('sh')).toMatchObject({ username: 'dana', expiresAt: 100 });
      sessions.touch('sh', 50);
      expect(sessions.get('sh')?.lastSeenAt).toBe(50);
      expect(sessions.prune(10, 60)).toBe(0);
      expect(sessions.deleteForUser(u.id)).toEqual(['sh']);
      sessions.delete('sh');
      expect(new Set(timed)).toEqual(new Set([
        'users.insert', 'users.get', 'users.by_username', 'users.update', 'users.list', 'users.count',
        'api_tokens.insert', 'api_tokens.by_id', 'api_tokens.by_hash', 'api_tokens.with_user', 'api_tokens.touch', 'api_tokens.for_user', 'api_tokens.revoke', 'api_tokens.revoke_all',
        'sessions.insert', 'sessions.with_user', 'sessions.touch', 'sessions.get', 'sessions.prune', 'sessions.delete_for_user', 'sessions.delete',
      ]));
    } finally {
      db.close();
    }
  });
});
