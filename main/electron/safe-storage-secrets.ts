// Main process (after app 'ready': safeStorage needs it on Linux). API keys encrypted with the OS
// keychain (macOS Keychain, Windows DPAPI, Linux libsecret/kwallet) via Electron safeStorage, stored
// as base64 ciphertext in <dataDir>/secrets.enc.json (mode 0600). Values are never logged.
import { existsSync, readFileSync } from 'node:fs';
import { safeStorage } from 'electron';
import { AppError } from '../errors.js';
import type { SecretName } from '../../preload/contract/schemas/settings.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export const SECRETS_FILE_NAME = 'secrets.enc.json';

/** The part of Electron's safeStorage this store uses (a test double provides the same). */
export type SafeStorageLike = Pick<
  typeof safeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

interface SecretsFile {
  version: 1;
  /** name → base64 of safeStorage ciphertext */
  secrets: Partial<Record<SecretName, string>>;
}

export const basicTextWarning =
  'No OS keyring was found (GNOME Keyring / KWallet), so Electron stores API keys with the "basic_text" ' +
  'backend: they are only obfuscated on disk, not encrypted. Install and unlock a keyring, or provide ' +
  'OPENAI_API_KEY / ELEVENLABS_API_KEY as environment variables instead of saving them in the app.';

export class SafeStorageSecretStore implements SecretStore {
  readonly warning?: string;

  constructor(
    private readonly file: string,
    private readonly storage: SafeStorageLike = safeStorage,
    platform: NodeJS.Platform = process.platform,
  ) {
    // getSelectedStorageBackend exists only on Linux; elsewhere the OS store is always real.
    if (platform === 'linux' && storage.getSelectedStorageBackend() === 'basic_text') this.warning = basicTextWarning;
  }

  private read(): SecretsFile['secrets'] {
    if (!existsSync(this.file)) return {};
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<SecretsFile>;
      return parsed && typeof parsed.secrets === 'object' && parsed.secrets !== null ? parsed.secrets : {};
    } catch {
      return {}; // unreadable file: behave as "no keys saved"; the next set() rewrites it
    }
  }

  private write(secrets: SecretsFile['secrets']): void {
    const content: SecretsFile = { version: 1, secrets };
    writeFileAtomic(this.file, JSON.stringify(content, null, 2), 0o600);
  }

  get(name: SecretName): string | undefined {
    const encoded = this.read()[name];
    if (!encoded) return undefined;
    try {
      return this.storage.decryptString(Buffer.from(encoded, 'base64'));
    } catch {
      // Keyring changed or the file came from another machine/user: the key is unrecoverable, so
      // report it as not configured and let the user enter it again.
      return undefined;
    }
  }

  set(name: SecretName, value: string): void {
    if (!this.storage.isEncryptionAvailable()) {
      throw new AppError('storage', 'The operating system’s secure storage is not available, so the API key was not saved.',
        `Unlock or install the OS keyring, or set ${name} as an environment variable.`);
    }
    const encrypted = this.storage.encryptString(value).toString('base64');
    this.write({ ...this.read(), [name]: encrypted });
  }

  delete(name: SecretName): void {
    const all = this.read();
    if (!(name in all)) return;
    delete all[name];
    this.write(all);
  }
}
