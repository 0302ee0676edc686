import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../preload/contract/index.js';
import type { TokenView } from '../../../preload/contract/schemas/auth.js';
import { api } from '../api/client.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useApp } from '../stores/app-store.js';
import { useSession } from '../stores/session-store.js';
import { ViewHeader } from './ViewHeader.js';
import './account/account.css';
import { date, dateTime } from '../../../preload/contract/time-format.js';

/** The signed-in user's own account: who they are, their password, their personal API tokens. */
export function AccountView() {
  const me = useSession((s) => s.me);
  const [tokens, setTokens] = useState<TokenView[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [made, setMade] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const load = async () => {
    const r = await api['auth.tokens.list']({});
    if (r.ok) setTokens(r.value);
  };
  useEffect(() => {
    void api['auth.tokens.list']({}).then((r) => r.ok && setTokens(r.value));
  }, []);
  const create = async () => {
    const r = await api['auth.tokens.create']({ name: name.trim(), expiresInDays: days ? Number(days) : null });
    if (!r.ok) return setError(r.error);
    setMade(r.value.token);
    setName('');
    await load();
  };
  if (!me || me.owner) {
    return (
      <>
        <ViewHeader title="My account" subtitle="You are the local owner of this app." />
        <p className="muted">The desktop app and the launch token have no account to manage. Accounts exist on a team server (CCA_AUTH=users).</p>
      </>
    );
  }
  return (
    <>
      <ViewHeader title="My account" subtitle={`${me.displayName} · ${me.role}${me.agentName ? ` · agent ${me.agentName}` : ''}`} />
      {error ? <ErrorBanner error={error} onRetry={() => setError(null)} /> : null}
      <div className="account-grid">
        <section className="card account-form" aria-label="My tokens">
          <h2>My tokens</h2>
          <p className="muted small">For scripts: send <code>Authorization: Bearer &lt;token&gt;</code>. A token can do what you can.</p>
          {made ? (
            <div role="status">
              <p className="small">Your new token (shown once — copy it now):</p>
              <p className="secret-once">{made}</p>
              <button type="button" className="btn" onClick={() => setMade(null)}>I have copied it</button>
            </div>
          ) : null}
          <table className="users-table">
            <thead><tr><th scope="col">Name</th><th scope="col">Made</th><th scope="col">Expires</th><th scope="col">Last used</th><th scope="col"><span className="sr-only">Revoke</span></th></tr></thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td className="small">{date(t.createdAt)}</td>
                  <td className="small">{t.expiresAt ? date(t.expiresAt) : 'never'}</td>
                  <td className="small">{t.lastUsedAt ? dateTime(t.lastUsedAt) : 'not yet'}</td>
                  <td><button type="button" className="btn ghost" onClick={() => void api['auth.tokens.revoke']({ id: t.id }).then(load)}>Revoke</button></td>
                </tr>
              ))}
              {!tokens.length ? <tr><td colSpan={5} className="muted small">No tokens.</td></tr> : null}
            </tbody>
          </table>
          <form className="row" onSubmit={(e) => { e.preventDefault(); void create(); }}>
            <label>Name<input value={name} onChange={(e) => setName(e.target.value)} placeholder="nightly export" required /></label>
            <label>Expires in days<input type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} placeholder="never" /></label>
            <button type="submit" className="btn primary" disabled={!name.trim()}>Make a token</button>
          </form>
        </section>
        <ChangePassword onError={setError} />
      </div>
    </>
  );
}

function ChangePassword({ onError }: { onError: (e: ErrorInfo) => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const toast = useApp((s) => s.toast);
  const submit = async () => {
    const r = await api['auth.changePassword']({ current, next });
    if (!r.ok) return onError(r.error);
    toast({ level: 'success', message: 'Password changed. Sign in again with the new one.' });
    useSession.setState({ status: 'signed-out', me: null });
  };
  return (
    <form className="card account-form" aria-label="Change password" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2>Change password</h2>
      <label>Current password<input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required /></label>
      <label>New password<input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required minLength={12} /></label>
      <p className="muted small">At least 12 characters, not a common password. Every session of yours ends.</p>
      <button type="submit" className="btn primary" disabled={!current || next.length < 12}>Change password</button>
    </form>
  );
}
