import type { NotificationView } from '../../preload/contract/schemas/disputes.js';
import type { AppDatabase } from '../open.js';
import { TimedStatements } from '../statement-cache.js';

/**
 * In-app notifications (db/schema/disputes.ts) and who receives them: written inside the transaction
 * of the change they announce, read by their recipient only.
 */
const NOTIFICATION = 'id, kind, recording_id AS recordingId, title, body, created_at AS createdAt, read_at AS readAt';

export interface NewNotification { recipients: readonly string[]; kind: NotificationView['kind']; recordingId: number | null; title: string; body: string; at: string }

export class NotificationsDao {
  private readonly stmts: TimedStatements;

  constructor(db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'notifications');
  }

  insert(n: NewNotification): void {
    for (const recipient of new Set(n.recipients)) {
      this.stmts.run('notify', `INSERT INTO notifications (recipient, kind, recording_id, title, body, created_at) VALUES (@recipient, @kind, @recordingId, @title, @body, @at)`,
        (s) => s.run({ recipient, kind: n.kind, recordingId: n.recordingId, title: n.title, body: n.body, at: n.at }));
    }
  }

  /** `except`: calls whose notifications are held back (ones the recipient scores blind in calibration). */
  notifications(recipient: string, unreadOnly: boolean, limit: number, except: readonly number[]): { items: NotificationView[]; unread: number } {
    const exceptIds = JSON.stringify(except);
    const kept = 'recipient = @recipient AND coalesce(recording_id, 0) NOT IN (SELECT value FROM json_each(@exceptIds))';
    const items = this.stmts.run('notifications', `SELECT ${NOTIFICATION} FROM notifications WHERE ${kept} AND (@unreadOnly = 0 OR read_at IS NULL)
        ORDER BY id DESC LIMIT @limit`, (s) => s.all({ recipient, exceptIds, unreadOnly: unreadOnly ? 1 : 0, limit }) as NotificationView[]);
    const unread = this.stmts.run('unread', `SELECT count(*) AS n FROM notifications WHERE ${kept} AND read_at IS NULL`, (s) => (s.get({ recipient, exceptIds }) as { n: number }).n);
    return { items, unread };
  }

  markRead(recipient: string, ids: readonly number[] | null, at: string): number {
    if (ids === null) {
      return this.stmts.run('readAll', 'UPDATE notifications SET read_at = @at WHERE recipient = @recipient AND read_at IS NULL', (s) => s.run({ recipient, at }).changes);
    }
    return this.stmts.run('readSome', `UPDATE notifications SET read_at = @at WHERE recipient = @recipient AND read_at IS NULL AND id IN (SELECT value FROM json_each(@ids))`,
      (s) => s.run({ recipient, at, ids: JSON.stringify(ids) }).changes);
  }

  /** Who is told about a call's dispute: active leads and admins (they resolve it). */
  leads(): string[] {
    return this.stmts.run('leads', `SELECT username FROM users WHERE disabled = 0 AND role IN ('lead', 'admin') ORDER BY username`,
      (s) => (s.all() as { username: string }[]).map((r) => r.username));
  }

  /** The accounts of a call's agent (an agent user whose agent name is the call's). */
  agentUsers(recordingId: number): string[] {
    return this.stmts.run('agentUsers', `SELECT u.username FROM users u JOIN call_summary s ON s.agent = u.agent_name
        WHERE s.recording_id = @recordingId AND u.role = 'agent' AND u.disabled = 0 ORDER BY u.username`,
    (s) => (s.all({ recordingId }) as { username: string }[]).map((r) => r.username));
  }
}
