import { create } from 'zustand';
import type { NotificationView } from '../../../preload/contract/schemas/disputes.js';
import { api, onEvent } from '../api/client.js';
import { useApp } from './app-store.js';

/**
 * The signed-in user's notifications (disputes raised and resolved, coaching notes). Loaded on
 * sign-in and again on each `notifications.new` event — the server's event stream hands a user only
 * the events addressed to them — which also shows a toast.
 */
interface NotificationsState {
  items: NotificationView[];
  unread: number;
  open: boolean;
  load: () => Promise<void>;
  toggle: (open?: boolean) => void;
  /** Mark read: the ones named, or all. */
  markRead: (ids?: number[]) => Promise<void>;
}

export const useNotifications = create<NotificationsState>((set, get) => ({
  items: [],
  unread: 0,
  open: false,
  async load() {
    const r = await api['notifications.list']({ limit: 50 });
    if (r.ok) set({ items: r.value.items, unread: r.value.unread });
  },
  toggle(open) {
    set({ open: open ?? !get().open });
  },
  async markRead(ids) {
    const r = await api['notifications.read'](ids ? { ids } : {});
    if (r.ok && r.value.changed) await get().load();
  },
}));

onEvent('notifications.new', (n) => {
  void useNotifications.getState().load();
  useApp.getState().toast({ level: 'info', message: `${n.title} — ${n.body}` });
});
