// Main process. The IPC transport of the contract: one invoke channel into the same registry the
// HTTP transport uses, and one event channel out to the window.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { bridgeChannels, type BridgeEventMessage } from '../../preload/contract/bridge.js';
import type { Result } from '../../preload/contract/index.js';
import type { Core } from '../core-types.js';
import { isAppUrl } from './app-protocol.js';

export type IpcCore = Pick<Core, 'registry' | 'bus' | 'logger'>;

const untrustedSender: Result<never> = {
  ok: false,
  error: {
    category: 'auth',
    message: 'Request refused: it did not come from the Call Center QA window.',
    hint: 'Only the app’s own window may call it. Restart the app if you see this in normal use.',
  },
};

/**
 * Only our window's top frame, showing our bundle, may call the core. Guards against another
 * webContents (devtools extension, a future second window) or a subframe that got loaded somehow.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  if (!win || win.isDestroyed()) return false;
  if (event.sender !== win.webContents) return false;
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/** Wire the core to the window. Returns a function that removes the handler and the subscription. */
export function registerIpc(core: IpcCore, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(bridgeChannels.invoke, async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, getWindow())) {
      // Never log the input: it may carry an API key (settings.setSecret).
      core.logger.warn({ op: typeof name === 'string' ? name : typeof name, url: event.senderFrame?.url }, 'refused IPC from an untrusted sender');
      return untrustedSender;
    }
    // The registry answers unknown names itself; a non-string name is just another unknown one.
    return core.registry.invoke(typeof name === 'string' ? name : String(name), input, { transport: 'ipc' });
  });

  const unsubscribe = core.bus.subscribe((name, payload) => {
    const win = getWindow();
    if (!win || win.isDestroyed()) return;
    const message: BridgeEventMessage = { name, payload };
    win.webContents.send(bridgeChannels.event, message);
  });

  return () => {
    ipcMain.removeHandler(bridgeChannels.invoke);
    unsubscribe();
  };
}
