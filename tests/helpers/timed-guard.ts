import type Database from 'better-sqlite3';
import type { AppDatabase } from '../../db/open.js';

/**
 * Records every statement of this database that runs outside `db.timed` (the DAOs' one idiom: every
 * statement is timed, so the slow-query log, error mapping and the query-duration metric see it).
 * Patches `db.timed` to count its depth and better-sqlite3's Statement methods to check it, for the
 * connections of this database only (all SQL lives in db/, so anything else running SQL is an offender
 * too). Returns the offenders (SQL and the first app frame that ran it) and an undo.
 */
export function guardTimed(db: AppDatabase): { untimed: () => { sql: string; at: string }[]; stop: () => void } {
  const connections = new Set<Database.Database>([db.sqlite]);
  for (let i = 0; i < 16; i++) connections.add(db.reader() as Database.Database);
  let depth = 0;
  const timed = db.timed.bind(db);
  db.timed = <T>(operation: string, fn: () => T): T => timed(operation, () => {
    depth++;
    try {
      return fn();
    } finally {
      depth--;
    }
  });
  const found = new Map<string, { sql: string; at: string }>();
  const proto = Object.getPrototypeOf(db.sqlite.prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
  const originals = new Map<string, (...a: unknown[]) => unknown>();
  for (const method of ['run', 'get', 'all', 'iterate']) {
    const original = proto[method]!;
    originals.set(method, original);
    proto[method] = function (this: Database.Statement, ...args: unknown[]) {
      // Transaction control (BEGIN, COMMIT, savepoints) is better-sqlite3's wrapper around timed work.
      if (depth === 0 && connections.has(this.database) && !/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i.test(this.source)) {
        const at = (new Error().stack ?? '').split('\n').slice(1).find((l) => !l.includes('node_modules') && !l.includes('timed-guard') && /\/(main|db|tests)\//.test(l))?.trim() ?? '?';
        found.set(`${this.source}@${at}`, { sql: this.source.replace(/\s+/g, ' ').slice(0, 120), at });
      }
      return original.apply(this, args);
    };
  }
  return {
    untimed: () => [...found.values()],
    stop: () => {
      for (const [method, original] of originals) proto[method] = original;
      db.timed = timed;
    },
  };
}
