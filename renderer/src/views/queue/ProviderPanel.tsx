import type { ProviderStatus } from '../../../../preload/contract/schemas/queue.js';
import { providerName } from '../provider-name.js';
import { spanInWords } from './labels.js';

const circuitText: Record<ProviderStatus['circuit'], string> = {
  closed: 'Connected',
  half_open: 'Testing connection…',
  open: 'Unreachable: waiting',
  isolated: 'Held offline',
};


/** Each provider: is it reachable (circuit), how many of its slots are busy, what failed last. */
export function ProviderPanel({ providers, now }: { providers: ProviderStatus[]; now: number }) {
  if (!providers.length) return null;
  return (
    <section className="q-providers" aria-label="Providers">
      {providers.map((p) => (
        <div key={p.id} className={`q-provider card circuit-${p.circuit}`}>
          <div className="q-provider-head">
            <strong>{providerName(p.id)}</strong>
            <span className={`q-dot circuit-${p.configured ? p.circuit : 'nokey'}`} aria-hidden="true" />
            <span>{p.configured ? circuitText[p.circuit] : 'Needs a key'}</span>
          </div>
          {p.configured ? null : <div className="small q-nokey">No API key: add it in Settings → API keys</div>}
          <div className="q-meter" role="meter" aria-label={`${providerName(p.id)} concurrency in use`} aria-valuemin={0} aria-valuemax={p.concurrency} aria-valuenow={p.inFlight}>
            <div style={{ width: `${p.concurrency ? (100 * p.inFlight) / p.concurrency : 0}%` }} />
          </div>
          <div className="small muted">
            {p.inFlight} of {p.concurrency} slots in use
            {p.nextProbeAt ? ` · next check in ${spanInWords(Math.max(0, (p.nextProbeAt - now) / 1000))}` : ''}
          </div>
          {p.lastError ? <div className="small q-last-error">Last error: {p.lastError}</div> : null}
        </div>
      ))}
    </section>
  );
}
