import { asc, eq, sql } from 'drizzle-orm';
import type { AppDatabase } from '../open.js';
import { rubrics, type NewRubricRow, type RubricRow } from '../schema/index.js';

/** All SQL about rubrics. Editing bumps the version (analyses are cached per version). */
export class RubricsDao {
  constructor(private readonly db: AppDatabase) {}

  /** Run fn in one write transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.sqlite.transaction(fn)();
  }

  list(): RubricRow[] {
    return this.db.timed('rubrics.list', () => this.db.orm.select().from(rubrics).orderBy(asc(rubrics.id)).all());
  }

  get(id: number): RubricRow | undefined {
    return this.db.timed('rubrics.get', () => this.db.orm.select().from(rubrics).where(eq(rubrics.id, id)).get());
  }

  findByName(name: string): RubricRow | undefined {
    return this.db.timed('rubrics.findByName', () => this.db.orm.select().from(rubrics).where(eq(rubrics.name, name)).get());
  }

  getDefault(): RubricRow | undefined {
    return this.db.timed('rubrics.getDefault', () => this.db.orm.select().from(rubrics).where(eq(rubrics.isDefault, true)).get());
  }

  insert(row: NewRubricRow): RubricRow {
    return this.db.timed('rubrics.insert', () =>
      this.db.sqlite.transaction(() => {
        if (row.isDefault) this.db.orm.update(rubrics).set({ isDefault: false }).run();
        return this.db.orm.insert(rubrics).values(row).returning().get();
      })(),
    );
  }

  /** New criteria/name → version + 1. */
  update(id: number, patch: Pick<NewRubricRow, 'name' | 'description' | 'criteria'> & { isDefault?: boolean }): RubricRow | undefined {
    return this.db.timed('rubrics.update', () =>
      this.db.sqlite.transaction(() => {
        if (patch.isDefault) this.db.orm.update(rubrics).set({ isDefault: false }).run();
        return this.db.orm
          .update(rubrics)
          .set({ ...patch, version: sql`${rubrics.version} + 1`, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
          .where(eq(rubrics.id, id))
          .returning()
          .get();
      })(),
    );
  }
}
