import type { AppDatabase } from '../open.js';
import type { NewRubricRow, RubricRow } from '../schema/index.js';
import { TimedStatements } from '../statement-cache.js';
import { Columns, NOW_SQL } from './columns.js';

const rubrics = new Columns<RubricRow>({
  id: 'id', name: 'name', description: 'description', version: 'version', criteria: ['criteria', 'json'], isDefault: ['is_default', 'bool'],
  builtin: ['builtin', 'bool'], createdAt: 'created_at', updatedAt: 'updated_at',
});
const COLUMNS = rubrics.select();
const CLEAR_DEFAULT = 'UPDATE rubrics SET is_default = 0';

/**
 * All SQL about rubrics. Editing bumps the version (analyses are cached per version). Statements
 * prepared once, named parameters, every one timed (TimedStatements).
 */
export class RubricsDao {
  private readonly stmts: TimedStatements;

  constructor(private readonly db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'rubrics');
  }

  /** Run fn in one write transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.sqlite.transaction(fn)();
  }

  list(): RubricRow[] {
    return this.stmts.run('list', `SELECT ${COLUMNS} FROM rubrics ORDER BY id`, (s) => s.all().map((r) => rubrics.decode(r)));
  }

  get(id: number): RubricRow | undefined {
    return this.stmts.run('get', `SELECT ${COLUMNS} FROM rubrics WHERE id = @id`, (s) => rubrics.maybe(s.get({ id })));
  }

  findByName(name: string): RubricRow | undefined {
    return this.stmts.run('findByName', `SELECT ${COLUMNS} FROM rubrics WHERE name = @name`, (s) => rubrics.maybe(s.get({ name })));
  }

  getDefault(): RubricRow | undefined {
    return this.stmts.run('getDefault', `SELECT ${COLUMNS} FROM rubrics WHERE is_default = 1`, (s) => rubrics.maybe(s.get()));
  }

  insert(row: NewRubricRow): RubricRow {
    const { sql, params } = rubrics.insert('rubrics', row);
    return this.stmts.runMany('insert', (prepare) =>
      this.db.sqlite.transaction(() => {
        if (row.isDefault) prepare(CLEAR_DEFAULT).run();
        return rubrics.decode(prepare(`${sql} RETURNING ${COLUMNS}`).get(params));
      })(),
    );
  }

  /** New criteria/name → version + 1. */
  update(id: number, patch: Pick<NewRubricRow, 'name' | 'description' | 'criteria'> & { isDefault?: boolean }): RubricRow | undefined {
    // Keys left undefined keep their column (a patch without `description` keeps the description).
    const { keys, params } = rubrics.defined(patch, ['name', 'description', 'criteria', 'isDefault']);
    const set = [rubrics.assign(keys), 'version = version + 1', `updated_at = ${NOW_SQL}`].filter(Boolean).join(', ');
    return this.stmts.runMany('update', (prepare) =>
      this.db.sqlite.transaction(() => {
        if (patch.isDefault) prepare(CLEAR_DEFAULT).run();
        return rubrics.maybe(prepare(`UPDATE rubrics SET ${set} WHERE id = @id RETURNING ${COLUMNS}`).get({ ...params, id }));
      })(),
    );
  }
}
