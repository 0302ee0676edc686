import type Database from 'better-sqlite3';
import type { AppDatabase, ReaderConnection, ReadStatement } from './open.js';

/**
 * Prepared statements kept per connection and SQL text: list and search queries are rebuilt from
 * filters on every request, and preparing costs more than running them. Bounded, since filter
 * combinations are finite but need not all stay prepared. `read` takes any reader and hands out
 * statements without `run`; `write` takes the writer only.
 */
export class StatementCache {
  private readonly byConn = new WeakMap<object, Map<string, unknown>>();

  constructor(private readonly max = 200) {}

  read(conn: ReaderConnection, sql: string): ReadStatement {
    return this.get(conn, sql, () => conn.prepare(sql));
  }

  write(writer: Database.Database, sql: string): Database.Statement {
    return this.get(writer, sql, () => writer.prepare(sql));
  }

  private get<S>(conn: object, sql: string, prepare: () => S): S {
    let cache = this.byConn.get(conn);
    if (!cache) this.byConn.set(conn, (cache = new Map<string, unknown>()));
    let stmt = cache.get(sql) as S | undefined;
    if (!stmt) {
      if (cache.size >= this.max) cache.clear();
      cache.set(sql, (stmt = prepare()));
    }
    return stmt;
  }
}

/**
 * The DAOs' one idiom for a writer statement: prepared once (per connection), run inside
 * `db.timed(operation)` so its duration, slow-query log and error mapping are like every other query's.
 */
export class TimedStatements {
  private readonly cache = new StatementCache();

  constructor(private readonly db: Pick<AppDatabase, 'sqlite' | 'timed'>, private readonly prefix: string) {}

  run<T>(operation: string, sql: string, use: (stmt: Database.Statement) => T): T {
    return this.db.timed(`${this.prefix}.${operation}`, () => use(this.cache.write(this.db.sqlite, sql)));
  }

  /**
   * Several statements as one timed operation (a transaction, or a page and its count): `prepare`
   * hands out each statement, prepared once like `run`'s, and all of them run inside `db.timed(operation)`.
   */
  runMany<T>(operation: string, use: (prepare: (sql: string) => Database.Statement) => T): T {
    return this.db.timed(`${this.prefix}.${operation}`, () => use((sql) => this.cache.write(this.db.sqlite, sql)));
  }
}
