import { useState } from 'react';
import type { SecretName, SettingsView } from '../../../../preload/contract/schemas/settings.js';
import { useSettings } from '../../stores/settings-store.js';

const labels: Record<SecretName, string> = { OPENAI_API_KEY: 'OpenAI API key', ELEVENLABS_API_KEY: 'ElevenLabs API key' };

/** API keys: write-only. The app only ever shows whether one is configured and where it comes from. */
export function SecretsPanel({ secrets }: { secrets: SettingsView['secrets'] }) {
  const setSecret = useSettings((s) => s.setSecret);
  const [drafts, setDrafts] = useState<Partial<Record<SecretName, string>>>({});
  return (
    <section className="card" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <p className="muted small">Stored in this computer's secret store, never shown again, never written to logs or exports.</p>
      {secrets.map((s) => (
        <div className="field secret" key={s.name}>
          <label htmlFor={`secret-${s.name}`}>{labels[s.name]}</label>
          <div className="row">
            <input
              id={`secret-${s.name}`}
              type="password"
              autoComplete="off"
              placeholder={s.configured ? '•••••••• (configured)' : 'Not configured'}
              value={drafts[s.name] ?? ''}
              disabled={s.source === 'env'}
              onChange={(e) => setDrafts({ ...drafts, [s.name]: e.target.value })}
            />
            <button type="button" className="btn primary" disabled={!drafts[s.name] || s.source === 'env'}
              onClick={() => void setSecret(s.name, drafts[s.name] ?? '').then((saved) => { if (saved) setDrafts({ ...drafts, [s.name]: '' }); })}>
              Save key
            </button>
            {s.source === 'store' ? (
              <button type="button" className="btn" aria-label={`Remove ${labels[s.name]}`} onClick={() => void setSecret(s.name, '')}>Remove</button>
            ) : null}
          </div>
          <p className="muted small">
            {s.source === 'env' ? `Set by the ${s.name} environment variable.` : s.configured ? 'Configured.' : 'Not configured: transcription and analysis wait until a key is set.'}
          </p>
        </div>
      ))}
    </section>
  );
}
