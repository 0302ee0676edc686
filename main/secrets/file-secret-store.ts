import { chmodSync, existsSync, readFileSync } from 'node:fs';
import type { SecretName } from '../../preload/contract/schemas/settings.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { SecretStore } from './secret-store.js';

/** API keys in a JSON file readable only by the user (mode 0600), for browser mode. */
export class FileSecretStore implements SecretStore {
  constructor(private readonly file: string) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }

  private read(): Partial<Record<SecretName, string>> {
    if (!existsSync(this.file)) return {};
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Record<SecretName, string>>;
    } catch {
      return {};
    }
  }

  get(name: SecretName): string | undefined {
    return this.read()[name];
  }

  set(name: SecretName, value: string): void {
    writeFileAtomic(this.file, JSON.stringify({ ...this.read(), [name]: value }), 0o600);
  }

  delete(name: SecretName): void {
    const all = this.read();
    delete all[name];
    writeFileAtomic(this.file, JSON.stringify(all), 0o600);
  }
}
