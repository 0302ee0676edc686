import { useEffect, useState } from 'react';
import { roles, type ErrorInfo, type Role } from '../../../preload/contract/index.js';
import type { UserView } from '../../../preload/contract/schemas/auth.js';
import { api } from '../api/client.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useSession } from '../stores/session-store.js';
import { ViewHeader } from './ViewHeader.js';
import { WorkerTokens } from './users/WorkerTokens.js';
import './account/account.css';
import { dateTime } from '../../../preload/contract/time-format.js';

const roleHelp: Record<Role, string> = {
  agent: 'their own calls only',
  reviewer: 'calls, scoring, overrides, exports',
  lead: 'rubrics and the team’s QA work',
  admin: 'users, keys, settings, everything',
};

/** Admins: every account, its role and agent link; add, change, disable, reset a password. */
export function UsersView() {
  const me = useSession((s) => s.me);
  const [users, setUsers] = useState<UserView[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [secret, setSecret] = useState<{ who: string; password: string; what?: string } | null>(null);
  const load = async () => {
    const r = await api['users.list']({});
    if (r.ok) setUsers(r.value);
    else setError(r.error);
  };
  useEffect(() => {
    void api['users.list']({}).then((r) => (r.ok ? setUsers(r.value) : setError(r.error)));
  }, []);
  const act = async <T,>(p: Promise<{ ok: true; value: T } | { ok: false; error: ErrorInfo }>) => {
    const r = await p;
    if (!r.ok) setError(r.error);
    else setError(null);
    await load();
    return r.ok ? r.value : null;
  };
  return (
    <>
      <ViewHeader title="Users" subtitle="Who can sign in to this server, and what each may do." />
      {error ? <ErrorBanner error={error} onRetry={() => void load()} /> : null}
      {secret ? (
        <div className="card" role="status">
          <p>{secret.what ?? 'Password'} for <strong>{secret.who}</strong> (shown once — give it to them privately):</p>
          <p className="secret-once">{secret.password}</p>
          <button type="button" className="btn" onClick={() => setSecret(null)}>Done</button>
        </div>
      ) : null}
      <div className="account-grid users-grid">
        <section className="card" aria-label="Accounts">
          <h2>Accounts</h2>
          <table className="users-table">
            <thead><tr><th scope="col">User</th><th scope="col">Role</th><th scope="col">Agent name</th><th scope="col">Last sign-in</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {(users ?? []).map((u) => (
                <tr key={u.id} className={u.disabled ? 'disabled' : ''}>
                  <td><strong>{u.displayName}</strong><br /><span className="muted small">{u.username}{u.disabled ? ' · disabled' : ''}</span></td>
                  <td>
                    <select aria-label={`Role of ${u.username}`} value={u.role} disabled={u.username === me?.username}
                      onChange={(e) => void act(api['users.update']({ id: u.id, role: e.target.value as Role }))}>
                      {roles.map((r) => <option key={r} value={r}>{r}</option>)}
                    </select>
                  </td>
                  <td>{u.agentName ?? <span className="muted">—</span>}</td>
                  <td className="small">{u.lastLoginAt ? dateTime(u.lastLoginAt) : 'never'}</td>
                  <td>
                    <button type="button" className="btn ghost" disabled={u.username === me?.username}
                      onClick={() => void act(api['users.update']({ id: u.id, disabled: !u.disabled }))}>{u.disabled ? 'Enable' : 'Disable'}</button>
                    <button type="button" className="btn ghost" onClick={() => void act(api['users.resetPassword']({ id: u.id })).then((v) => v?.password && setSecret({ who: u.username, password: v.password }))}>
                      Reset password
                    </button>
                    <button type="button" className="btn ghost" disabled={u.disabled} onClick={() => {
                      const name = window.prompt(`A name for ${u.username}'s new token (what it is for):`, 'script');
                      if (name?.trim()) void act(api['users.tokens.create']({ id: u.id, name: name.trim(), expiresInDays: 90 })).then((v) => v && setSecret({ who: u.username, password: v.token, what: 'API token (90 days)' }));
                    }}>Make token</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <AddUser onAdded={(who, password) => {
          if (password) setSecret({ who, password });
          void load();
        }} onError={setError} />
        <WorkerTokens onSecret={(who, token) => setSecret({ who, password: token, what: 'Worker token (start the worker with CCA_WORKER_TOKEN=<token>)' })} onError={setError} />
      </div>
    </>
  );
}

function AddUser({ onAdded, onError }: { onAdded: (who: string, password: string | null) => void; onError: (e: ErrorInfo) => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('reviewer');
  const [agentName, setAgentName] = useState('');
  const submit = async () => {
    const r = await api['users.create']({ username: username.trim(), role, ...(displayName.trim() ? { displayName: displayName.trim() } : {}), ...(agentName.trim() ? { agentName: agentName.trim() } : {}) });
    if (!r.ok) return onError(r.error);
    setUsername('');
    setDisplayName('');
    setAgentName('');
    onAdded(r.value.user.username, r.value.password);
  };
  return (
    <form className="card account-form" aria-label="Add a user" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2>Add a user</h2>
      <label>Username<input value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" /></label>
      <label>Display name<input value={displayName} onChange={(e) => setDisplayName(e.target.value)} placeholder="as people know them" /></label>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => <option key={r} value={r}>{r} — {roleHelp[r]}</option>)}
        </select>
      </label>
      <label>
        Agent name {role === 'agent' ? '(required)' : '(optional)'}
        <input value={agentName} onChange={(e) => setAgentName(e.target.value)} required={role === 'agent'} placeholder="exactly as in the Agent column of Calls" />
      </label>
      <button type="submit" className="btn primary" disabled={!username.trim()}>Add user</button>
      <p className="muted small">A random password is made and shown once; they can change it under My account.</p>
    </form>
  );
}
