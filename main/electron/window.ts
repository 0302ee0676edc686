// Main process. The one application window.
import { BrowserWindow, type WebPreferences } from 'electron';

/**
 * The renderer is an untrusted web page as far as main is concerned: isolated from the preload,
 * sandboxed, no Node, no webviews. Anything the page needs goes through the preload bridge.
 */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    // Dropping a file on the window must reach the drop zone, never navigate to file://.
    navigateOnDragDrop: false,
  } satisfies WebPreferences;
}

export const windowDefaults = { width: 1280, height: 800, minWidth: 960, minHeight: 600 } as const;

export interface MainWindowOptions {
  preload: string;
  startUrl: string;
  onLoadError?: (error: unknown) => void;
}

export function createMainWindow({ preload, startUrl, onLoadError }: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    ...windowDefaults,
    title: 'Call Center QA',
    // Shown once painted, so the user never sees a blank white frame.
    show: false,
    webPreferences: secureWebPreferences(preload),
  });
  win.once('ready-to-show', () => win.show());
  win.loadURL(startUrl).catch((e: unknown) => onLoadError?.(e));
  return win;
}
