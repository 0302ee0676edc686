import type { AppDatabase } from '../open.js';
import type { auditLog } from '../schema/index.js';
import { StatementCache, TimedStatements } from '../statement-cache.js';
import { Columns } from './columns.js';

export interface AuditEntry {
  actor: string;
  entity: string;
  entityId: string;
  action: string;
  oldValue?: unknown;
  newValue?: unknown;
}

export type AuditLogRow = typeof auditLog.$inferSelect;

const audit = new Columns<AuditLogRow>({
  id: 'id', at: 'at', actor: 'actor', entity: 'entity', entityId: 'entity_id', action: 'action', oldValue: ['old_value', 'json'], newValue: ['new_value', 'json'],
});
const COLUMNS = audit.select();

/**
 * Append-only audit trail: reviewer overrides, unredacted exports, settings changes. Statements
 * prepared once, named parameters, every one timed; the Audit view's reads go to a reader.
 */
export class AuditDao {
  private readonly stmts: TimedStatements;
  private readonly reads = new StatementCache();

  constructor(private readonly db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'audit');
  }

  record(entry: AuditEntry): void {
    this.stmts.run('record', 'INSERT INTO audit_log (actor, entity, entity_id, action, old_value, new_value) VALUES (@actor, @entity, @entityId, @action, @oldValue, @newValue)',
      (s) => s.run({
        actor: entry.actor, entity: entry.entity, entityId: entry.entityId, action: entry.action,
        oldValue: audit.encode('oldValue', entry.oldValue ?? null), newValue: audit.encode('newValue', entry.newValue ?? null),
      }));
  }

  list(entity: string, entityId: string, limit = 200): AuditLogRow[] {
    return this.stmts.run('list', `SELECT ${COLUMNS} FROM audit_log WHERE entity = @entity AND entity_id = @entityId ORDER BY id DESC LIMIT @limit`,
      (s) => s.all({ entity, entityId, limit }).map((r) => audit.decode(r)));
  }

  /** The Audit view: newest first, by user and kind, paged by id. */
  query(q: { actor?: string; entity?: string; limit: number; before?: number }): AuditLogRow[] {
    return this.db.timed('audit.query', () => {
      const where: string[] = [];
      const params: Record<string, string | number> = { limit: q.limit };
      const add = (name: 'actor' | 'entity' | 'before', sql: string, v: string | number | undefined) => {
        if (v === undefined || v === '') return;
        where.push(sql);
        params[name] = v;
      };
      add('actor', 'actor = @actor', q.actor);
      add('entity', 'entity = @entity', q.entity);
      add('before', 'id < @before', q.before);
      return this.reads.read(this.db.reader(), `SELECT ${COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`)
        .all(params).map((r) => audit.decode(r));
    });
  }

  actors(): string[] {
    return this.db.timed('audit.actors', () =>
      (this.reads.read(this.db.reader(), 'SELECT DISTINCT actor FROM audit_log ORDER BY actor LIMIT 1000').all() as { actor: string }[]).map((r) => r.actor));
  }
}
