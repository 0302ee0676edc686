import type { NewNotification, NotificationsDao } from '../../../db/dao/notifications-dao.js';
import type { NotificationList } from '../../../preload/contract/schemas/disputes.js';
import type { EventBus } from '../../events/event-bus.js';

/**
 * In-app notifications: written in the same transaction as the change they announce (a dispute, a
 * coaching note), announced on the bus once it has committed — each recipient's event stream gets
 * its own event (`to`), and the desktop turns one for its user into an OS notification.
 */
export class Notifier {
  constructor(private readonly dao: NotificationsDao, private readonly bus: EventBus, private readonly now: () => number = Date.now) {}

  /** Write inside the caller's transaction; call what it returns after the commit. */
  write(n: Omit<NewNotification, 'at'>, except: string): () => void {
    const recipients = [...new Set(n.recipients)].filter((r) => r !== except);
    if (!recipients.length) return () => {};
    this.dao.insert({ ...n, recipients, at: new Date(this.now()).toISOString() });
    return () => {
      for (const to of recipients) this.bus.emit('notifications.new', { to, recordingId: n.recordingId, title: n.title, body: n.body });
    };
  }

  list(user: string, unreadOnly: boolean, limit: number, except: readonly number[] = []): NotificationList {
    return this.dao.notifications(user, unreadOnly, limit, except);
  }

  read(user: string, ids: readonly number[] | undefined): { changed: number } {
    return { changed: this.dao.markRead(user, ids ?? null, new Date(this.now()).toISOString()) };
  }

  leads(): string[] {
    return this.dao.leads();
  }

  agentUsers(recordingId: number): string[] {
    return this.dao.agentUsers(recordingId);
  }
}
