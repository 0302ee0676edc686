// A test double of the 'electron' module: the few APIs main/electron/ and preload/bridge.ts use,
// each recording its calls. Tests install it with `vi.mock('electron', () => import('./fake-electron.js'))`;
// the real package is an optional dependency and usually absent. Shapes follow electron.d.ts (39).
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/** Event object as Electron passes it: preventDefault + readonly flag + params. */
export function fakeEvent<P extends object>(params: P = {} as P) {
  const e = {
    ...params,
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
  };
  return e;
}

export class FakeWebFrameMain {
  constructor(
    public url: string,
    public parent: FakeWebFrameMain | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | undefined;
  readonly send = vi.fn();
  readonly mainFrame = new FakeWebFrameMain('app://bundle/index.html');
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }) {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
    // Like Electron: creating a window creates its webContents, announced app-wide.
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
}

export const app = Object.assign(new EventEmitter(), {
  requestSingleInstanceLock: vi.fn(() => true),
  whenReady: vi.fn(async () => undefined),
  quit: vi.fn(),
  exit: vi.fn(),
  setAppUserModelId: vi.fn(),
});

export const dialog = { showErrorBox: vi.fn() };

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle: vi.fn((channel: string, handler: InvokeHandler) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcMain.handlers.delete(channel);
  }),
};

/**
 * `invoke` is recorded by `sent` (a spy returning nothing) and answered by `reply`, a plain function
 * tests replace. Kept apart because a vi.fn that returns a rejected promise is reported by vitest as
 * an error even when the caller handles the rejection.
 */
export const ipcRenderer = Object.assign(new EventEmitter(), {
  sent: vi.fn((..._args: unknown[]) => undefined),
  reply: async (..._args: unknown[]): Promise<unknown> => undefined,
  invoke(...args: unknown[]): Promise<unknown> {
    ipcRenderer.sent(...args);
    return ipcRenderer.reply(...args);
  },
});

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api);
  }),
};

export const webUtils = { getPathForFile: vi.fn((_file: unknown) => '/home/reviewer/calls/call-001.wav') };

export const protocol = { registerSchemesAsPrivileged: vi.fn() };

export function makeFakeSession() {
  return {
    protocol: { handle: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  };
}
export const session = { defaultSession: makeFakeSession() };

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

/** Reversible "encryption" that is visibly not plain text, like the real one. */
export const safeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  encryptString: vi.fn((plain: string) => Buffer.from(`enc:${Buffer.from(plain).toString('hex')}`)),
  decryptString: vi.fn((encrypted: Buffer) => {
    const text = encrypted.toString();
    if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice(4), 'hex').toString();
  }),
  getSelectedStorageBackend: vi.fn((): string => 'gnome_libsecret'),
};

export class Notification extends EventEmitter {
  static readonly isSupported = vi.fn(() => true);
  static readonly shown: Notification[] = [];
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    Notification.shown.push(this);
  }
}

/**
 * Back to a fresh state. vitest caches a vi.mock factory's module across vi.resetModules(), so a
 * test that re-imports main.ts gets this same instance and must reset it (then vi.resetAllMocks()).
 */
export function resetFakeElectron(): void {
  BrowserWindow.instances.length = 0;
  Notification.shown.length = 0;
  ipcMain.handlers.clear();
  contextBridge.exposed.clear();
  app.removeAllListeners();
  ipcRenderer.removeAllListeners();
  session.defaultSession = makeFakeSession();
}
