import pino from 'pino';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bridgeChannels } from '../../../preload/contract/bridge.js';
import { EventBus } from '../../../main/events/event-bus.js';
import { registerIpc, type IpcCore } from '../../../main/electron/ipc.js';
import * as electron from './fake-electron.js';
import { BrowserWindow, FakeWebFrameMain, ipcMain } from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

const logger = pino({ level: 'silent' });

function setup() {
  const invoke = vi.fn(async (name: string) => ({ ok: true as const, value: { op: name } }));
  const bus = new EventBus(logger);
  const core = { registry: { invoke, has: () => true }, bus, logger } as unknown as IpcCore;
  const win = new BrowserWindow({}) as unknown as import('electron').BrowserWindow;
  const dispose = registerIpc(core, () => win);
  const handler = ipcMain.handlers.get(bridgeChannels.invoke)!;
  return { invoke, bus, win: win as unknown as BrowserWindow, dispose, handler };
}

const eventFrom = (sender: unknown, frame: FakeWebFrameMain | null) => ({ sender, senderFrame: frame });

describe('IPC transport', () => {
  beforeEach(() => {
    ipcMain.handlers.clear();
  });

  it('accepts our window’s top frame showing app:// and forwards to the registry with transport ipc', async () => {
    const { handler, win, invoke } = setup();
    const result = await handler(eventFrom(win.webContents, win.webContents.mainFrame), 'system.health', {});
    expect(result).toEqual({ ok: true, value: { op: 'system.health' } });
    expect(invoke).toHaveBeenCalledWith('system.health', {}, { transport: 'ipc' });
  });

  it.each([
    ['another webContents', () => new electron.FakeWebContents(), () => new FakeWebFrameMain('app://bundle/index.html')],
    ['a page that is not our bundle', (w: BrowserWindow) => w.webContents, () => new FakeWebFrameMain('https://evil.example/')],
    ['app:// with another host', (w: BrowserWindow) => w.webContents, () => new FakeWebFrameMain('app://other/index.html')],
    ['a subframe', (w: BrowserWindow) => w.webContents, () => new FakeWebFrameMain('app://bundle/x.html', new FakeWebFrameMain('app://bundle/index.html'))],
    ['a destroyed frame', (w: BrowserWindow) => w.webContents, () => null],
  ])('refuses %s with an auth error and never runs the operation', async (_label, sender, frame) => {
    const { handler, win, invoke } = setup();
    const result = await handler(eventFrom(sender(win), frame()), 'settings.setSecret', { name: 'OPENAI_API_KEY', value: 'sk-secret' });
    expect(result).toMatchObject({ ok: false, error: { category: 'auth' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('refuses everything once the window is gone', async () => {
    const { handler, win, invoke } = setup();
    win.destroyed = true;
    const result = await handler(eventFrom(win.webContents, win.webContents.mainFrame), 'system.health', {});
    expect(result).toMatchObject({ ok: false, error: { category: 'auth' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('pushes core events to the window and stops after dispose', () => {
    const { bus, win, dispose } = setup();
    bus.emit('app.notice', { level: 'info', message: 'Batch finished' });
    expect(win.webContents.send).toHaveBeenCalledWith(bridgeChannels.event, {
      name: 'app.notice',
      payload: { level: 'info', message: 'Batch finished' },
    });
    dispose();
    bus.emit('app.notice', { level: 'info', message: 'again' });
    expect(win.webContents.send).toHaveBeenCalledTimes(1);
    expect(ipcMain.handlers.has(bridgeChannels.invoke)).toBe(false);
  });
});
