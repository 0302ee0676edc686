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
}
