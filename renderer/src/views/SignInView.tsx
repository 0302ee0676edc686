import { useState } from 'react';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useSession } from '../stores/session-store.js';
import './account/account.css';

/** The sign-in page of a shared server (CCA_AUTH=users): username and password, errors said plainly. */
export function SignInView() {
  const { signIn, error } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    await signIn(username.trim(), password);
    setBusy(false);
    setPassword('');
  };
  return (
    <main className="signin" aria-label="Sign in">
      <form className="card signin-card" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">QA</span>
          <span className="brand-name">Call Center QA</span>
        </div>
        <h1>Sign in</h1>
        {error ? <ErrorBanner error={error} /> : null}
        <label>
          Username
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <button type="submit" className="btn primary" disabled={busy || !username || !password}>{busy ? 'Signing in…' : 'Sign in'}</button>
        <p className="muted small">No account yet? Ask an administrator of this server.</p>
      </form>
    </main>
  );
}
