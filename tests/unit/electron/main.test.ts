// The Electron entry against the fake electron module and a REAL core (SQLite in a temp data dir):
// startup order, single instance, config errors, the window's settings, IPC end to end, clean quit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bridgeChannels } from '../../../preload/contract/bridge.js';
import type * as FakeElectron from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

type Fake = typeof FakeElectron;
const signals = ['SIGINT', 'SIGTERM'] as const;
let dataDir: string;
let signalListenersBefore: Map<string, unknown[]>;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cca-electron-main-'));
  vi.stubEnv('CCA_DATA_DIR', dataDir);
  vi.stubEnv('CCA_PROFILE', 'test');
  vi.stubEnv('CCA_LOG_LEVEL', 'silent');
  signalListenersBefore = new Map(signals.map((s) => [s, process.listeners(s)]));
});
afterEach(() => {
  vi.unstubAllEnvs();
  // main.ts adds SIGINT/SIGTERM handlers that call the fake app.quit; keep the test process's own.
  for (const s of signals) {
    for (const l of process.listeners(s)) if (!signalListenersBefore.get(s)!.includes(l)) process.removeListener(s, l as never);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** Reset fake electron + fresh main.ts, with `configure` run on the fake before main starts. */
async function boot(configure: (e: Fake) => void = () => {}): Promise<Fake> {
  vi.resetModules();
  // The same instance main.ts will import (the mock factory's module survives resetModules).
  const electron = (await import('electron')) as unknown as Fake;
  electron.resetFakeElectron();
  vi.resetAllMocks();
  configure(electron);
  const main = await import('../../../main/electron/main.js');
  await main.started;
  return electron;
}

/** Quit like the user would and wait until the core has closed and quit was called again. */
async function quit(electron: Fake): Promise<void> {
  const event = electron.fakeEvent();
  electron.app.emit('will-quit', event);
  expect(event.defaultPrevented).toBe(true);
  await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
}

describe('Electron main entry', () => {
  it('asks for the single-instance lock and quits at once without it', async () => {
    const electron = await boot((e) => e.app.requestSingleInstanceLock.mockReturnValue(false));
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
  });

  it('shows the config error in a dialog and exits 78 before building anything', async () => {
    vi.stubEnv('CCA_LOG_LEVEL', 'loud');
    const electron = await boot();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Call Center QA: invalid setting', expect.stringContaining('CCA_LOG_LEVEL'));
    expect(electron.app.exit).toHaveBeenCalledWith(78);
    expect(electron.BrowserWindow.instances).toHaveLength(0);
  });

  it('opens one window with exactly the secure webPreferences, loading app://bundle', async () => {
    const electron = await boot();
    try {
      expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
      expect(electron.BrowserWindow.instances).toHaveLength(1);
      const win = electron.BrowserWindow.instances[0]!;
      expect(win.options).toMatchObject({ width: 1280, height: 800, minWidth: 960, minHeight: 600, show: false });
      expect(win.options.webPreferences).toEqual({
        preload: expect.stringMatching(/[\\/]preload\.cjs$/),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        navigateOnDragDrop: false,
      });
      expect(win.loadURL).toHaveBeenCalledWith('app://bundle/index.html');
      win.emit('ready-to-show');
      expect(win.show).toHaveBeenCalled();
    } finally {
      await quit(electron);
    }
  });

  it('guards the session and every webContents before the page loads', async () => {
    const electron = await boot();
    try {
      const ses = electron.session.defaultSession;
      expect(ses.setPermissionRequestHandler).toHaveBeenCalled();
      expect(ses.setPermissionCheckHandler).toHaveBeenCalled();
      expect(ses.webRequest.onBeforeRequest).toHaveBeenCalled();
      expect(ses.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
      const contents = electron.BrowserWindow.instances[0]!.webContents;
      expect(contents.windowOpenHandler).toBeTypeOf('function');
      for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
        expect(contents.listenerCount(name), name).toBeGreaterThan(0);
      }
    } finally {
      await quit(electron);
    }
  });

  it('serves the contract over IPC to its window only (real core: system.health)', async () => {
    const electron = await boot();
    try {
      const handler = electron.ipcMain.handlers.get(bridgeChannels.invoke)!;
      const contents = electron.BrowserWindow.instances[0]!.webContents;
      const ours = await handler({ sender: contents, senderFrame: contents.mainFrame }, 'system.health', {});
      expect(ours).toMatchObject({ ok: true, value: { status: 'ok', mode: 'electron', dataDir } });
      const foreign = new electron.FakeWebContents();
      const theirs = await handler({ sender: foreign, senderFrame: foreign.mainFrame }, 'system.health', {});
      expect(theirs).toMatchObject({ ok: false, error: { category: 'auth' } });
    } finally {
      await quit(electron);
    }
  });

  it('a second launch restores and focuses the existing window', async () => {
    const electron = await boot();
    try {
      const win = electron.BrowserWindow.instances[0]!;
      win.minimized = true;
      electron.app.emit('second-instance', electron.fakeEvent(), ['electron', '.'], process.cwd());
      expect(win.restore).toHaveBeenCalled();
      expect(win.focus).toHaveBeenCalled();
      expect(electron.BrowserWindow.instances).toHaveLength(1);
    } finally {
      await quit(electron);
    }
  });

  it('quits cleanly: closes the core, removes the IPC handler, then quits for real', async () => {
    const electron = await boot();
    await quit(electron);
    expect(electron.ipcMain.handlers.has(bridgeChannels.invoke)).toBe(false);
    // Second will-quit (from the app.quit() above) is let through.
    const again = electron.fakeEvent();
    electron.app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });
});
