import type { SecretName } from '../../preload/contract/schemas/settings.js';
import { registerSecret } from '../util/scrub-secrets.js';

/**
 * Where API keys live. The core only knows this interface: browser mode uses a 0600 file
 * (FileSecretStore), the desktop app uses Electron safeStorage (main/electron/safe-storage-secrets.ts).
 * Environment variables (OPENAI_API_KEY, ELEVENLABS_API_KEY) always win over the store.
 */
export interface SecretStore {
  get(name: SecretName): string | undefined;
  set(name: SecretName, value: string): void;
  delete(name: SecretName): void;
  /** A warning to show when the backend is not really protected (e.g. plain-text keyring on Linux). */
  readonly warning?: string;
}

export type SecretSource = 'env' | 'store' | 'none';

export function resolveSecret(
  store: SecretStore,
  name: SecretName,
  env: NodeJS.ProcessEnv = process.env,
): { value: string | undefined; source: SecretSource } {
  const fromEnv = env[name]?.trim();
  // Every key the app uses passes here: remember it so provider messages echoing it are scrubbed.
  registerSecret(fromEnv);
  if (fromEnv) return { value: fromEnv, source: 'env' };
  const stored = store.get(name);
  registerSecret(stored);
  return stored ? { value: stored, source: 'store' } : { value: undefined, source: 'none' };
}
