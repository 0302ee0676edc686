// Main process. OS notifications (e.g. "batch finished") come from main, not the page: the
// renderer has every permission denied (security.ts), including the web Notification API.
import { Notification } from 'electron';

export interface DesktopNotice {
  title: string;
  body: string;
  /** Called when the user clicks the notification (typically: focus the window). */
  onClick?: () => void;
}

/** Show a notice if the OS supports notifications. Returns whether it was shown. */
export function showNotification({ title, body, onClick }: DesktopNotice): boolean {
  if (!Notification.isSupported()) return false;
  const notification = new Notification({ title, body });
  if (onClick) notification.on('click', onClick);
  notification.show();
  return true;
}
