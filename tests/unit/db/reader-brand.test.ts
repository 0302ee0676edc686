import { describe, expect, it } from 'vitest';
import { tempCore } from '../exports/helpers/temp-core.js';

/**
 * Issue 12 item 3: a reader connection is read-only in the types (its statements have no `run`, it has
 * no `exec`) and in SQLite (opened readonly). `npm run typecheck` compiles this file: each
 * @ts-expect-error below fails the typecheck the day a reader can write again.
 */
describe('reader connections', () => {
  it('a write through a reader neither compiles nor runs; the writer still writes', async () => {
    const t = await tempCore({ CCA_DB_READ_CONNECTIONS: '2' });
    try {
      const reader = t.core.db.reader();
      const write = () => {
        // @ts-expect-error a reader's statements have no run()
        reader.prepare("INSERT INTO app_settings(key, value) VALUES ('x', '1')").run();
      };
      expect(write).toThrow(/readonly/i);
      // @ts-expect-error a reader has no exec()
      expect(typeof reader.exec).toBe('function'); // it exists at run time: only the types forbid it
      t.core.db.sqlite.prepare("INSERT INTO app_settings(key, value) VALUES ('x', '1')").run();
      expect(reader.prepare<{ value: string }>("SELECT value FROM app_settings WHERE key = 'x'").get()?.value).toBe('1');
    } finally {
      await t.close();
    }
  });

  it('an export cursor gets a connection of its own with the configured busy timeout', async () => {
    const t = await tempCore({ CCA_DB_BUSY_TIMEOUT_MS: '1234' });
    try {
      const conn = t.core.db.cursorConnection() as unknown as { pragma(p: string, o: { simple: true }): unknown; close(): void };
      expect(conn.pragma('busy_timeout', { simple: true })).toBe(1234);
      conn.close();
    } finally {
      await t.close();
    }
  });
});
