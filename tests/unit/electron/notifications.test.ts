import { describe, expect, it, vi } from 'vitest';
import { showNotification } from '../../../main/electron/notifications.js';
import { Notification } from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

describe('desktop notifications', () => {
  it('shows an OS notification and wires the click', () => {
    const onClick = vi.fn();
    expect(showNotification({ title: 'Batch finished', body: '12 calls scored, 1 failed', onClick })).toBe(true);
    const shown = Notification.shown.at(-1)!;
    expect(shown.options).toEqual({ title: 'Batch finished', body: '12 calls scored, 1 failed' });
    shown.emit('click');
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('does nothing where the OS has no notifications', () => {
    Notification.isSupported.mockReturnValueOnce(false);
    const before = Notification.shown.length;
    expect(showNotification({ title: 't', body: 'b' })).toBe(false);
    expect(Notification.shown).toHaveLength(before);
  });
});
