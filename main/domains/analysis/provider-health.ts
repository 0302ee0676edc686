import type { Health } from '../../../preload/contract/operations/system.js';
import type { ProviderStatusBook } from '../../providers/status.js';

/**
 * The health report's provider list: the queue's view (configured, circuit, last error) plus what the
 * providers taught us, a saved key the provider rejected.
 */
export function withProviderFacts(
  queueProviders: readonly (Health['providers'][number] & Record<string, unknown>)[],
  facts: ReturnType<ProviderStatusBook['facts']>,
): Health['providers'] {
  return queueProviders.map(({ id, configured, circuit, lastError }) => {
    const f = facts.find((x) => x.id === id);
    return { id, configured, circuit, lastError: f?.needsKey && f.configured ? 'needs a valid key' : lastError, ...(f?.api ? { api: f.api } : {}) };
  });
}
