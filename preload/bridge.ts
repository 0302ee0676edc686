// Runs in the sandboxed preload of the Electron window (bundled to dist/electron/preload.cjs).
// The only bridge between the renderer and main: one frozen object on window.cca. No ipcRenderer,
// no IpcRendererEvent and no Node API ever reaches the page.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { bridgeChannels, type BridgeApi, type BridgeEventMessage } from './contract/bridge.js';
import { operations, type EventName, type OperationName, type Result } from './contract/index.js';

// Names only: checking them here fails fast on typos without a round trip. Main re-checks everything.
const operationNames: ReadonlySet<string> = new Set(Object.keys(operations));

const failure = (category: 'invalid_input' | 'internal', message: string, hint: string): Result<never> => ({
  ok: false,
  error: { category, message, hint },
});

const api = Object.freeze({
  platform: 'electron',

  async invoke(name: OperationName, input: unknown): Promise<Result<unknown>> {
    if (typeof name !== 'string' || !operationNames.has(name)) {
      return failure('invalid_input', `Unknown operation "${String(name)}".`, 'This is a bug in the app; the operation is not in the contract.');
    }
    try {
      return (await ipcRenderer.invoke(bridgeChannels.invoke, name, input)) as Result<unknown>;
    } catch {
      // Structured clone failures (functions, DOM nodes in input) or a main process going away.
      return failure('internal', `Could not send "${name}" to the app.`, 'Try again; restart the app if it keeps happening.');
    }
  },

  onEvent(listener: (name: EventName, payload: unknown) => void): () => void {
    // Wrap so the renderer gets only the message, never the IpcRendererEvent (whose .sender is ipcRenderer).
    const wrapped = (_event: unknown, message: BridgeEventMessage) => listener(message.name, message.payload);
    ipcRenderer.on(bridgeChannels.event, wrapped);
    return () => {
      ipcRenderer.removeListener(bridgeChannels.event, wrapped);
    };
  },

  getPathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
} satisfies BridgeApi);

contextBridge.exposeInMainWorld('cca', api);
