import { createHash } from 'node:crypto';
import type { SecretName } from '../../preload/contract/schemas/settings.js';
import type { AppError } from '../errors.js';
import type { ProviderId } from './provider-ids.js';
import { ApiStyleMemory, type AnsweredStyle } from './api-style.js';
import { secretFor } from './provider-ids.js';

/**
 * What we learnt about each provider from real calls: the last error, and whether it rejected the key.
 * A rejected key is remembered by fingerprint, so jobs keep waiting until the reviewer enters a
 * different key (then the next attempt tries it) and we never re-send a key known to be bad.
 */
export interface ProviderFacts {
  id: ProviderId;
  configured: boolean;
  needsKey: boolean;
  lastError: string | null;
  /** OpenAI only: the API style the analysis server answered with, once it has answered. */
  api?: AnsweredStyle;
}

const fingerprint = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 16);

export class ProviderStatusBook {
  private readonly lastError = new Map<ProviderId, string | null>();
  private readonly rejectedKey = new Map<ProviderId, string>();

  /** What each OpenAI(-compatible) base URL answered analysis with (main/providers/api-style.ts). */
  readonly apiStyles = new ApiStyleMemory();

  constructor(
    private readonly secret: (name: SecretName) => string | undefined,
    private readonly openaiBaseUrl: () => string = () => 'https://api.openai.com/v1',
  ) {}

  succeeded(id: ProviderId): void {
    this.lastError.set(id, null);
  }

  failed(id: ProviderId, error: AppError): void {
    this.lastError.set(id, `${error.category}: ${error.message}`);
    if (error.category === 'auth') {
      const key = this.secret(secretFor[id]);
      if (key) this.rejectedKey.set(id, fingerprint(key));
    }
  }

  /**
   * The reviewer saved keys (possibly the same one, re-enabled at the provider): try them again. The
   * core calls this on every settings.changed event.
   */
  keysChanged(): void {
    this.rejectedKey.clear();
  }

  /** True while the configured key is the one the provider rejected. */
  keyRejected(id: ProviderId): boolean {
    const key = this.secret(secretFor[id]);
    const bad = this.rejectedKey.get(id);
    return !!key && !!bad && bad === fingerprint(key);
  }

  facts(): ProviderFacts[] {
    return (['elevenlabs', 'openai'] as const).map((id) => {
      const configured = !!this.secret(secretFor[id]);
      const needsKey = !configured || this.keyRejected(id);
      const api = id === 'openai' ? this.apiStyles.get(this.openaiBaseUrl()) : undefined;
      return { id, configured, needsKey, lastError: this.keyRejected(id) ? 'needs a valid key' : (this.lastError.get(id) ?? null), ...(api ? { api } : {}) };
    });
  }
}
