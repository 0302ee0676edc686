import { eq, sql } from 'drizzle-orm';
import type { AppDatabase } from '../open.js';
import { appSettings } from '../schema/index.js';

/** Key/value data stored in the database (price tables, saved filters, UI preferences). */
export class AppSettingsDao {
  constructor(private readonly db: AppDatabase) {}

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the stored JSON's type
  get<T>(key: string): T | undefined {
    return this.db.timed('appSettings.get', () => {
      const row = this.db.orm.select().from(appSettings).where(eq(appSettings.key, key)).get();
      return row?.value as T | undefined;
    });
  }

  set(key: string, value: unknown): void {
    this.db.timed('appSettings.set', () =>
      this.db.orm
        .insert(appSettings)
        .values({ key, value })
        .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` } })
        .run(),
    );
  }

  delete(key: string): void {
    this.db.timed('appSettings.delete', () => this.db.orm.delete(appSettings).where(eq(appSettings.key, key)).run());
  }
}
