import { and, desc, eq } from 'drizzle-orm';
import type { AppDatabase } from '../open.js';
import { auditLog } from '../schema/index.js';

export interface AuditEntry {
  actor: string;
  entity: string;
  entityId: string;
  action: string;
  oldValue?: unknown;
  newValue?: unknown;
}

/** Append-only audit trail: reviewer overrides, unredacted exports, settings changes. */
export class AuditDao {
  constructor(private readonly db: AppDatabase) {}

  record(entry: AuditEntry): void {
    this.db.timed('audit.record', () =>
      this.db.orm
        .insert(auditLog)
        .values({ ...entry, oldValue: entry.oldValue ?? null, newValue: entry.newValue ?? null })
        .run(),
    );
  }

  list(entity: string, entityId: string, limit = 200) {
    return this.db.timed('audit.list', () =>
      this.db.orm
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
        .orderBy(desc(auditLog.id))
        .limit(limit)
        .all(),
    );
  }

  /** The Audit view: newest first, by user and kind, paged by id. */
  query(q: { actor?: string; entity?: string; limit: number; before?: number }) {
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
      const rows = this.db.reader()
        .prepare(`SELECT id, at, actor, entity, entity_id AS entityId, action, old_value AS oldValue, new_value AS newValue FROM audit_log
                  ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`)
        .all(params) as { id: number; at: string; actor: string; entity: string; entityId: string; action: string; oldValue: string | null; newValue: string | null }[];
      const parse = (v: string | null): unknown => (v === null ? null : (JSON.parse(v) as unknown));
      return rows.map((r) => ({ ...r, oldValue: parse(r.oldValue), newValue: parse(r.newValue) }));
    });
  }

  actors(): string[] {
    return this.db.timed('audit.actors', () =>
      (this.db.reader().prepare('SELECT DISTINCT actor FROM audit_log ORDER BY actor LIMIT 1000').all() as { actor: string }[]).map((r) => r.actor));
  }
}
