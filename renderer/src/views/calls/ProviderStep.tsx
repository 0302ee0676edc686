import { useEffect, useState } from 'react';
import type { ProviderStatus } from '../../../../preload/contract/schemas/queue.js';
import { api } from '../../api/client.js';
import { providerName } from '../provider-name.js';

/**
 * The getting-started step about providers, as it stands: done (and which) when a provider is set up,
 * else what to add. Asking for keys that are already set sends people looking for a problem.
 */
export function ProviderStep() {
  const [providers, setProviders] = useState<ProviderStatus[] | null>(null);
  useEffect(() => {
    let live = true;
    void api['queue.summary']({}).then((r) => { if (live && r.ok) setProviders(r.value.providers); });
    return () => { live = false; };
  }, []);
  const ready = (providers ?? []).filter((p) => p.configured && p.id !== 'local');
  if (ready.length) {
    return <li data-testid="provider-step">Providers set up: {ready.map((p) => providerName(p.id)).join(' and ')}. ✓ (Change them in Settings → API keys.)</li>;
  }
  return <li data-testid="provider-step">Add an OpenAI or ElevenLabs key in Settings → API keys, or point to a local OpenAI-compatible server.</li>;
}
