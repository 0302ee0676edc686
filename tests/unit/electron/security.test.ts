import { beforeEach, describe, expect, it, vi } from 'vitest';
import { hardenSession, hardenWebContents, isAllowedRequestUrl } from '../../../main/electron/security.js';
import { FakeWebContents, fakeEvent, makeFakeSession, shell } from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

type Listener = (...args: unknown[]) => void;

function hardened() {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as import('electron').WebContents);
  const fire = (name: string, params: object) => {
    const event = fakeEvent(params);
    for (const l of contents.listeners(name) as Listener[]) l(event, (params as { url?: string }).url);
    return event;
  };
  return { contents, fire };
}

describe('webContents guards', () => {
  beforeEach(() => shell.openExternal.mockClear());

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: blocks leaving app://bundle, allows in-app URLs', (name) => {
    const { fire } = hardened();
    for (const url of ['https://evil.example/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)']) {
      expect(fire(name, { url }).defaultPrevented, url).toBe(true);
    }
    expect(fire(name, { url: 'app://bundle/index.html' }).defaultPrevented).toBe(false);
  });

  it('denies every new window; only http(s) links go to the OS browser', () => {
    const { contents } = hardened();
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://docs.example.com/help' })).toEqual({ action: 'deny' });
    expect(open({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'app://bundle/index.html' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open({ url: 'smb://share/x' })).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls.map((c) => c[0])).toEqual(['https://docs.example.com/help', 'http://example.com/']);
  });

  it('refuses to attach a <webview>', () => {
    const { fire } = hardened();
    expect(fire('will-attach-webview', {}).defaultPrevented).toBe(true);
  });
});

describe('session guards', () => {
  it('denies every permission request, permission check and device permission', () => {
    const ses = makeFakeSession();
    hardenSession(ses as unknown as import('electron').Session);
    const request = ses.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      request({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    const check = ses.setPermissionCheckHandler.mock.calls[0]![0] as (...a: unknown[]) => boolean;
    expect(check({}, 'media', 'app://bundle', {})).toBe(false);
    const device = ses.setDevicePermissionHandler.mock.calls[0]![0] as (...a: unknown[]) => boolean;
    expect(device({ deviceType: 'usb', origin: 'app://bundle' })).toBe(false);
  });

  it('cancels every request that is not for our bundle', () => {
    const ses = makeFakeSession();
    hardenSession(ses as unknown as import('electron').Session);
    const onBefore = ses.webRequest.onBeforeRequest.mock.calls[0]![0] as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void;
    const cancelled = (url: string) => {
      let result: boolean | undefined;
      onBefore({ url }, (r) => (result = r.cancel));
      return result;
    };
    expect(cancelled('https://cdn.example.com/x.js')).toBe(true);
    expect(cancelled('http://127.0.0.1:9999/api')).toBe(true);
    expect(cancelled('wss://example.com/socket')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('app://other/x.js')).toBe(true);
    expect(cancelled('app://bundle/assets/index.js')).toBe(false);
    expect(cancelled('data:image/png;base64,AAAA')).toBe(false);
    expect(cancelled('blob:app://bundle/1234')).toBe(false);
    expect(isAllowedRequestUrl('not a url')).toBe(false);
  });
});
