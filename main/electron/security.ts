// Main process. The window shows only our bundle: no navigation elsewhere, no new windows, no
// <webview>, no permissions, no remote requests. Follows Electron's security checklist; each guard
// is independent so one mistake elsewhere (an <a href>, an injected script) does not open a hole.
import { shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-protocol.js';

/** Schemes the renderer may load from. data:/blob: are same-document (images, audio buffers). */
export const allowedRequestSchemes: ReadonlySet<string> = new Set(['app:', 'data:', 'blob:', 'devtools:']);

export function isAllowedRequestUrl(url: string): boolean {
  try {
    return allowedRequestSchemes.has(new URL(url).protocol) && (!url.startsWith('app:') || isAppUrl(url));
  } catch {
    return false;
  }
}

/** Only plain web links may be handed to the OS browser (never file:, smb:, custom handlers...). */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

type OpenExternal = (url: string) => Promise<void>;

/**
 * Guards for one webContents. Installed from app 'web-contents-created', so it covers every
 * webContents the app ever makes, not only the main window's.
 */
export function hardenWebContents(contents: WebContents, openExternal: OpenExternal = (u) => shell.openExternal(u)): void {
  // In-app navigations (reload, app://bundle/...) are fine; anything else would replace our UI
  // with a page that then talks to our preload.
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // window.open / target=_blank: never a new Electron window; web links go to the OS browser.
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) void openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  });
  // webviewTag is off in webPreferences; this also refuses one if a future window forgets to.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/**
 * Guards for a session: deny every permission (camera, mic, notifications from the page,
 * geolocation...; the app needs none, OS notifications come from main) and cancel every request
 * that is not for our bundle, so nothing remote ever loads into the renderer.
 */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false); // WebHID / WebSerial / WebUSB
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
}
