import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../../preload/contract/index.js';
import type { WorkerTokenView } from '../../../../preload/contract/schemas/auth.js';
import { api } from '../../api/client.js';
import { dateTime } from '../../../../preload/contract/time-format.js';

/**
 * Admins: the worker services' tokens (the `worker` role — step inputs and results, nothing else).
 * Minting shows the token once; revoking refuses the worker from its next request.
 */
export function WorkerTokens({ onSecret, onError }: { onSecret: (who: string, token: string) => void; onError: (e: ErrorInfo) => void }) {
  const [tokens, setTokens] = useState<WorkerTokenView[] | null>(null);
  const [name, setName] = useState('');
  const load = async () => {
    const r = await api['workerTokens.list']({});
    if (r.ok) setTokens(r.value);
    else onError(r.error);
  };
  useEffect(() => {
    void api['workerTokens.list']({}).then((r) => (r.ok ? setTokens(r.value) : onError(r.error)));
  }, [onError]);
  const mint = async () => {
    const r = await api['workerTokens.create']({ name: name.trim() });
    if (!r.ok) return onError(r.error);
    setName('');
    onSecret(`worker "${r.value.view.name}"`, r.value.token);
    await load();
  };
  const revoke = async (t: WorkerTokenView) => {
    if (!window.confirm(`Revoke the token of worker "${t.name}"? The worker using it is refused from its next request.`)) return;
    const r = await api['workerTokens.revoke']({ id: t.id });
    if (!r.ok) onError(r.error);
    await load();
  };
  return (
    <section className="card" aria-label="Worker tokens">
      <h2>Worker tokens</h2>
      <p className="muted small">
        Worker services (<code>npm run worker</code>, with <code>CCA_QUEUE=redis</code> on this server) sign in with these.
        A worker token can fetch step inputs and audio and return results — nothing else.
      </p>
      {tokens?.length ? (
        <table className="users-table">
          <thead><tr><th scope="col">Worker</th><th scope="col">Made</th><th scope="col">Last used</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td><strong>{t.name}</strong><br /><span className="muted small">#{t.id}</span></td>
                <td className="small">{dateTime(t.createdAt)}<br /><span className="muted">by {t.createdBy}</span></td>
                <td className="small">{t.lastUsedAt ? dateTime(t.lastUsedAt) : 'never'}</td>
                <td><button type="button" className="btn ghost" onClick={() => void revoke(t)}>Revoke</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : tokens ? <p className="muted small">No worker tokens yet.</p> : null}
      <form className="worker-token-form" aria-label="Make a worker token" onSubmit={(e) => { e.preventDefault(); void mint(); }}>
        <label>Worker name<input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. gpu-box-1" pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}" required /></label>
        <button type="submit" className="btn primary" disabled={!name.trim()}>Make worker token</button>
      </form>
    </section>
  );
}
