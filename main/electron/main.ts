// Electron main process entry (bundled to dist/electron/main.mjs). Composition only: config → core →
// session guards → app:// protocol → IPC → window. The core itself never imports electron.
import { join, resolve } from 'node:path';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { ConfigError, EXIT_CONFIG } from '../config/config-error.js';
import { loadConfig, type Config } from '../config/load-config.js';
import { buildCore, type Core } from '../core.js';
import { makeDataDirPrivate } from '../config/private-data-dir.js';
import { isAppError } from '../errors.js';
import { APP_START_URL, installAppProtocol, registerAppScheme } from './app-protocol.js';
import { createProtocolApp } from '../server/protocol-app.js';
import { registerIpc } from './ipc.js';
import { showNotification } from './notifications.js';
import { electronHost } from './save-dialog.js';
import { SafeStorageSecretStore, SECRETS_FILE_NAME } from './safe-storage-secrets.js';
import { hardenSession, hardenWebContents } from './security.js';
import { createMainWindow } from './window.js';

/** Same as electron-builder.yml appId; Windows needs it for notifications to show. */
export const APP_ID = 'com.callcenterqa.desktop';

// dist/electron/main.mjs → dist/electron/preload.cjs and dist/renderer/ (also inside app.asar).
const here = import.meta.dirname;
const preloadPath = join(here, 'preload.cjs');
const rendererDir = resolve(here, '..', 'renderer');

function fatal(title: string, message: string, exitCode: number): void {
  // Before 'ready' on Linux this prints to stderr instead of a dialog; we call it after 'ready'.
  dialog.showErrorBox(title, message);
  app.exit(exitCode);
}

export async function startDesktop(): Promise<void> {
  // A second launch hands over to the running instance (which focuses its window) and quits, so two
  // processes never share one database and job queue.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let win: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  registerAppScheme(); // only possible before 'ready'
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  await app.whenReady();

  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) return fatal('Call Center QA: invalid setting', e.message, EXIT_CONFIG);
    return fatal('Call Center QA cannot start', `Reading the configuration failed: ${(e as Error).message}`, 1);
  }

  const tightened = makeDataDirPrivate(config.paths.dataDir);
  let core: Core;
  try {
    core = await buildCore({
      config,
      mode: 'electron',
      secrets: new SafeStorageSecretStore(join(config.paths.dataDir, SECRETS_FILE_NAME)),
      host: electronHost(() => win),
    });
  } catch (e) {
    // AppError carries a user-facing message and hint (e.g. "database is newer than this app").
    const text = isAppError(e) ? `${e.message}\n\n${e.hint}` : `Unexpected error: ${(e as Error).message}`;
    return fatal('Call Center QA cannot start', text, 1);
  }

  if (tightened.length) core.logger.warn({ dataDir: config.paths.dataDir, tightened: tightened.length, sample: tightened.slice(0, 5) }, 'data folder was readable by other users: made it private (folders 0700, files 0600)');
  hardenSession(session.defaultSession);
  const protocolApp = createProtocolApp(core, rendererDir);
  installAppProtocol(session.defaultSession, rendererDir, (request) => protocolApp.fetch(request));
  const disposeIpc = registerIpc(core, () => win);

  win = createMainWindow({
    preload: preloadPath,
    startUrl: APP_START_URL,
    onLoadError: (err) => core.logger.error({ err, url: APP_START_URL }, 'window failed to load the renderer'),
  });
  win.on('closed', () => {
    win = null;
  });
  // A finished batch is worth an OS notification: reviewers drop hundreds of calls and walk away.
  const disposeBatchNotice = core.bus.subscribe((name, payload) => {
    // A notification (a dispute resolved, a coaching note) is an OS notification too: the desktop's core
    // is this computer's, so whoever it is addressed to is the person at it.
    if (name === 'notifications.new') {
      const n = payload as { title: string; body: string };
      showNotification({ title: n.title, body: n.body, onClick: () => win?.show() });
      return;
    }
    if (name !== 'queue.batchFinished') return;
    const { processed, failed, needsSetup } = payload as { processed: number; failed: number; needsSetup: number };
    const extra = [failed ? `${failed} failed` : '', needsSetup ? `${needsSetup} waiting for setup` : ''].filter(Boolean).join(', ');
    showNotification({
      title: 'Call Center QA: processing finished',
      body: `${processed} call${processed === 1 ? '' : 's'} processed${extra ? `, ${extra}` : ''}.`,
      onClick: () => win?.show(),
    });
  });

  // One window: closing it quits on every platform, so background work never runs unseen.
  app.on('window-all-closed', () => app.quit());

  // Quit waits for the core to close (DB checkpoint, log flush), then quits for real.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    disposeIpc();
    disposeBatchNotice();
    core
      .close()
      .catch((err: unknown) => core.logger.error({ err }, 'closing the core failed'))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
}

/** Resolves once startup is done (or refused); tests await it. */
export const started: Promise<void> = startDesktop().catch((e: unknown) =>
  fatal('Call Center QA cannot start', `Unexpected error: ${(e as Error).message}`, 1),
);
