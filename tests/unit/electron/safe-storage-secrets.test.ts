import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isAppError } from '../../../main/errors.js';
import { basicTextWarning, SafeStorageSecretStore, type SafeStorageLike } from '../../../main/electron/safe-storage-secrets.js';
import { safeStorage } from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cca-secrets-'));
  file = join(dir, 'secrets.enc.json');
  safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
  safeStorage.isEncryptionAvailable.mockReturnValue(true);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const storage = safeStorage as unknown as SafeStorageLike;

describe('SafeStorageSecretStore', () => {
  it('round-trips keys, stores only ciphertext, and keeps the file private', () => {
    const store = new SafeStorageSecretStore(file, storage, 'linux');
    expect(store.get('OPENAI_API_KEY')).toBeUndefined();
    store.set('OPENAI_API_KEY', 'sk-test-123');
    store.set('ELEVENLABS_API_KEY', 'el-456');
    expect(store.get('OPENAI_API_KEY')).toBe('sk-test-123');
    expect(new SafeStorageSecretStore(file, storage, 'linux').get('ELEVENLABS_API_KEY')).toBe('el-456');
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain('sk-test-123');
    expect(raw).not.toContain('el-456');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    store.delete('OPENAI_API_KEY');
    expect(store.get('OPENAI_API_KEY')).toBeUndefined();
    expect(store.get('ELEVENLABS_API_KEY')).toBe('el-456');
  });

  it('has no warning with a real keyring', () => {
    expect(new SafeStorageSecretStore(file, storage, 'linux').warning).toBeUndefined();
  });

  it('warns when Linux falls back to the basic_text backend', () => {
    safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    const store = new SafeStorageSecretStore(file, storage, 'linux');
    expect(store.warning).toBe(basicTextWarning);
    expect(store.warning).toMatch(/only obfuscated/);
  });

  it('does not ask for the backend outside Linux (the API is Linux-only)', () => {
    safeStorage.getSelectedStorageBackend.mockClear();
    expect(new SafeStorageSecretStore(file, storage, 'darwin').warning).toBeUndefined();
    expect(safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
  });

  it('treats an undecryptable or corrupt file as "not configured" instead of failing', () => {
    writeFileSync(file, JSON.stringify({ version: 1, secrets: { OPENAI_API_KEY: Buffer.from('garbage').toString('base64') } }));
    expect(new SafeStorageSecretStore(file, storage, 'linux').get('OPENAI_API_KEY')).toBeUndefined();
    writeFileSync(file, '{not json');
    const store = new SafeStorageSecretStore(file, storage, 'linux');
    expect(store.get('OPENAI_API_KEY')).toBeUndefined();
    store.set('OPENAI_API_KEY', 'sk-new');
    expect(store.get('OPENAI_API_KEY')).toBe('sk-new');
  });

  it('refuses to save with a storage error when encryption is unavailable, without writing anything', () => {
    safeStorage.isEncryptionAvailable.mockReturnValue(false);
    const store = new SafeStorageSecretStore(file, storage, 'linux');
    let caught: unknown;
    try {
      store.set('OPENAI_API_KEY', 'sk-test');
    } catch (e) {
      caught = e;
    }
    expect(isAppError(caught) && caught.category).toBe('storage');
    expect(String((caught as Error).message)).not.toContain('sk-test');
    expect(existsSync(file)).toBe(false);
  });

  it('uses Electron safeStorage by default', () => {
    const store = new SafeStorageSecretStore(file);
    store.set('OPENAI_API_KEY', 'sk-default');
    expect(safeStorage.encryptString).toHaveBeenCalledWith('sk-default');
  });
});
