import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bridgeApiKeys, bridgeChannels, type BridgeApi } from '../../../preload/contract/bridge.js';
import { contextBridge, ipcRenderer, webUtils } from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

let api: BridgeApi;
beforeAll(async () => {
  await import('../../../preload/bridge.js');
  api = contextBridge.exposed.get('cca') as BridgeApi;
});
beforeEach(() => ipcRenderer.sent.mockClear());

describe('preload bridge', () => {
  it('exposes exactly one object, window.cca, with exactly the BridgeApi members, frozen', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['cca']);
    expect(Object.keys(api).sort()).toEqual([...bridgeApiKeys].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(api.platform).toBe('electron');
    // Nothing that could hand the page ipcRenderer or Node: every member is a plain function or the platform string.
    for (const key of bridgeApiKeys) {
      if (key !== 'platform') expect(typeof api[key]).toBe('function');
    }
    expect(Object.values(api)).not.toContain(ipcRenderer);
  });

  it('sends known operations over the invoke channel and returns main’s Result', async () => {
    ipcRenderer.reply = async () => ({ ok: true, value: { status: 'ok' } });
    await expect(api.invoke('system.health', {})).resolves.toEqual({ ok: true, value: { status: 'ok' } });
    expect(ipcRenderer.sent).toHaveBeenCalledWith(bridgeChannels.invoke, 'system.health', {});
  });

  it('refuses names that are not in the contract without sending anything', async () => {
    for (const name of ['system.shutdown', '__proto__', 'constructor', 42, undefined]) {
      const result = await api.invoke(name as never, {});
      expect(result).toMatchObject({ ok: false, error: { category: 'invalid_input' } });
    }
    expect(ipcRenderer.sent).not.toHaveBeenCalled();
  });

  it('turns a failed send into a Result instead of throwing', async () => {
    ipcRenderer.reply = async () => {
      throw new Error('An object could not be cloned.');
    };
    await expect(api.invoke('system.health', { fn: () => 1 })).resolves.toMatchObject({ ok: false, error: { category: 'internal' } });
  });

  it('delivers events without the IpcRendererEvent, and unsubscribes', () => {
    const listener = vi.fn();
    const off = api.onEvent(listener);
    const ipcEvent = { sender: ipcRenderer };
    ipcRenderer.emit(bridgeChannels.event, ipcEvent, { name: 'app.notice', payload: { level: 'info', message: 'hi' } });
    expect(listener).toHaveBeenCalledWith('app.notice', { level: 'info', message: 'hi' });
    expect(listener.mock.calls[0]).toHaveLength(2);
    off();
    ipcRenderer.emit(bridgeChannels.event, ipcEvent, { name: 'app.notice', payload: { level: 'info', message: 'again' } });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(ipcRenderer.listenerCount(bridgeChannels.event)).toBe(0);
  });

  it('resolves dropped files to paths through webUtils', () => {
    const file = new File(['x'], 'call-001.wav');
    expect(api.getPathForFile(file)).toBe('/home/reviewer/calls/call-001.wav');
    expect(webUtils.getPathForFile).toHaveBeenCalledWith(file);
  });
});
