/**
 * How a DAO that returns a drizzle row type (`typeof table.$inferSelect`, db/schema) reads and writes
 * it with raw SQL: what the query builder used to do implicitly. A `Columns` lists the table's columns
 * in schema order, each JS key with its SQL column and how the value is stored (db/schema's modes):
 * as is, as JSON text (`mode: 'json'`) or as 0/1 (`mode: 'boolean'`).
 * - `select()` is the select list aliased to the JS keys (`created_at AS "createdAt"`), and `decode`
 *   parses JSON and turns 0/1 back into booleans (null stays null), so a row has exactly the keys and
 *   JS types of the drizzle row type.
 * - `insert()` writes only the keys of a row object that are set: a key left undefined takes the
 *   column's default (the schema's defaults are the migrations' DEFAULTs), as drizzle's insert did.
 *   For an update or an upsert's conflict clause, `defined()` + `assign()` likewise leave an undefined
 *   key's column alone. One statement per set of keys a caller uses, prepared once (TimedStatements).
 */
export type Codec = 'json' | 'bool';
export type SqlValue = string | number | bigint | Buffer | null;
export type Params = Record<string, SqlValue>;

/** The SQL text of the schema's `default(sql\`(strftime(...))\`)` timestamps: now, in ISO 8601 UTC with milliseconds. */
export const NOW_SQL = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";

type Spec<Row> = { readonly [K in keyof Row]-?: string | readonly [column: string, codec: Codec] };
type Key<Row> = keyof Row & string;

export class Columns<Row extends object> {
  private readonly cols: readonly { key: Key<Row>; column: string; codec: Codec | undefined }[];
  private readonly byKey: ReadonlyMap<string, { column: string; codec: Codec | undefined }>;

  /** `spec` names every key of the row type, in the schema's column order. */
  constructor(spec: Spec<Row>) {
    this.cols = (Object.entries(spec) as [Key<Row>, string | readonly [string, Codec]][]).map(([key, c]) =>
      typeof c === 'string' ? { key, column: c, codec: undefined } : { key, column: c[0], codec: c[1] });
    this.byKey = new Map(this.cols.map((c) => [c.key, c]));
  }

  /** Every column, aliased to its key, in schema order; `exprs` reads some keys from an SQL expression instead. */
  select(exprs: { readonly [K in Key<Row>]?: string } = {}): string {
    return this.cols.map((c) => {
      const expr = exprs[c.key] ?? c.column;
      return expr === c.key ? expr : `${expr} AS "${c.key}"`;
    }).join(', ');
  }

  /** A row read with `select()` (or RETURNING it), as the row type: JSON parsed, 0/1 as booleans. */
  decode(raw: unknown): Row {
    const row = raw as Record<string, unknown>;
    for (const c of this.cols) {
      const v = row[c.key];
      if (v === null || v === undefined || !c.codec) continue;
      row[c.key] = c.codec === 'json' ? (JSON.parse(v as string) as unknown) : Number(v) === 1;
    }
    return row as Row;
  }

  /** `decode`, passing undefined (no row) through. */
  maybe(raw: unknown): Row | undefined {
    return raw === undefined ? undefined : this.decode(raw);
  }

  /** The value SQLite stores for a key's JS value (null stays null). */
  encode(key: Key<Row>, value: unknown): SqlValue {
    if (value === null || value === undefined) return null;
    const codec = this.byKey.get(key)?.codec;
    if (codec === 'json') return JSON.stringify(value) ?? null;
    if (codec === 'bool') return value ? 1 : 0;
    return value as SqlValue;
  }

  /**
   * The keys of `values` that are set (not undefined), in schema order — among `among` when given —
   * with their stored values as named parameters (`@key`).
   */
  defined(values: Partial<Row>, among?: readonly Key<Row>[]): { keys: Key<Row>[]; params: Params } {
    const allowed = among ? new Set<string>(among) : null;
    const keys: Key<Row>[] = [];
    const params: Params = {};
    for (const c of this.cols) {
      const v = values[c.key];
      if (v === undefined || (allowed && !allowed.has(c.key))) continue;
      keys.push(c.key);
      params[c.key] = this.encode(c.key, v);
    }
    return { keys, params };
  }

  /** `column = @key, …` for these keys. */
  assign(keys: readonly Key<Row>[]): string {
    return keys.map((k) => `${this.byKey.get(k)!.column} = @${k}`).join(', ');
  }

  /** `INSERT INTO table (…) VALUES (@…)` of the keys of `values` that are set; the others take their column's default. */
  insert(table: string, values: Partial<Row>): { sql: string; keys: Key<Row>[]; params: Params } {
    const { keys, params } = this.defined(values);
    const sql = keys.length
      ? `INSERT INTO ${table} (${keys.map((k) => this.byKey.get(k)!.column).join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`
      : `INSERT INTO ${table} DEFAULT VALUES`;
    return { sql, keys, params };
  }
}
