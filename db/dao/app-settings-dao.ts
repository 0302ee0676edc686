import type { AppDatabase } from '../open.js';
import { TimedStatements } from '../statement-cache.js';
import { NOW_SQL } from './columns.js';

/**
 * Key/value data stored in the database (price tables, saved filters, UI preferences), as JSON text.
 * Statements prepared once, named parameters, every one timed (TimedStatements).
 */
export class AppSettingsDao {
  private readonly stmts: TimedStatements;

  constructor(db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'appSettings');
  }

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the stored JSON's type
  get<T>(key: string): T | undefined {
    return this.stmts.run('get', 'SELECT value FROM app_settings WHERE key = @key', (s) => {
      const row = s.get({ key }) as { value: string | null } | undefined;
      if (!row) return undefined;
      return (row.value === null ? null : JSON.parse(row.value)) as T;
    });
  }

  set(key: string, value: unknown): void {
    // null (or nothing) stays SQL NULL, which the NOT NULL column refuses, as the query builder did.
    const json = value === null || value === undefined ? null : JSON.stringify(value);
    this.stmts.run('set', `INSERT INTO app_settings (key, value) VALUES (@key, @value) ON CONFLICT(key) DO UPDATE SET value = @value, updated_at = ${NOW_SQL}`,
      (s) => s.run({ key, value: json ?? null }));
  }

  delete(key: string): void {
    this.stmts.run('delete', 'DELETE FROM app_settings WHERE key = @key', (s) => s.run({ key }));
  }
}
