import { useEffect, useRef } from 'react';
import { Icon } from './Icon.js';
import { useNotifications } from '../stores/notifications-store.js';
import { dateTime } from '../../../preload/contract/time-format.js';

/**
 * The bell in the sidebar (accounts only): the unread count, and a list of the user's notifications.
 * Opening one goes to its call and marks it read; "Mark all read" clears the count.
 */
export function NotificationsButton() {
  const { items, unread, open, load, toggle, markRead } = useNotifications();
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !panel.current?.parentElement?.contains(e.target as Node)) toggle(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open, toggle]);
  return (
    <div className="notifications">
      <button type="button" className="btn ghost" aria-expanded={open} aria-haspopup="true" onClick={() => toggle()}
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}>
        <Icon name="bell" size={16} /> Notifications
        {unread ? <span className="badge-count" aria-hidden="true">{unread}</span> : null}
      </button>
      {open ? (
        <div className="notifications-panel card" role="dialog" aria-label="Notifications" ref={panel}>
          <header className="call-card-head">
            <h2>Notifications</h2>
            <button type="button" className="linkish small" disabled={!unread} onClick={() => void markRead()}>Mark all read</button>
          </header>
          {items.length ? (
            <ul>
              {items.map((n) => (
                <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
                  <a href={n.recordingId ? `#/calls/${n.recordingId}` : '#/calls'} onClick={() => { if (!n.readAt) void markRead([n.id]); toggle(false); }}>
                    <strong>{n.title}</strong>
                    <span className="small">{n.body}</span>
                    <span className="muted small">{dateTime(n.createdAt)}</span>
                  </a>
                </li>
              ))}
            </ul>
          ) : <p className="muted small">Nothing yet. Disputes of your scorecards and coaching notes appear here.</p>}
        </div>
      ) : null}
    </div>
  );
}
