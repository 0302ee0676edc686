import { Icon, type IconName } from './Icon.js';
import { NotificationsButton } from './NotificationsButton.js';
import './notifications.css';
import { usePrivacy } from '../stores/privacy-store.js';
import { useApp } from '../stores/app-store.js';
import { useNav, type ViewId } from '../stores/nav-store.js';
import { can, useSession } from '../stores/session-store.js';
import type { Role } from '../../../preload/contract/index.js';
import '../views/account/account.css';

/** Each view with the least role that may open it (the operations behind it say the same). */
const items: { id: ViewId & IconName; label: string; agentLabel?: string; role: Role }[] = [
  { id: 'import', label: 'Import', role: 'reviewer' },
  { id: 'queue', label: 'Queue', role: 'reviewer' },
  { id: 'calls', label: 'Calls', agentLabel: 'My calls', role: 'agent' },
  { id: 'reviews', label: 'My reviews', role: 'reviewer' },
  { id: 'dashboard', label: 'Dashboard', agentLabel: 'My scores', role: 'agent' },
  { id: 'problems', label: 'Problems', role: 'reviewer' },
  { id: 'system', label: 'System', role: 'reviewer' },
  { id: 'reports', label: 'Reports', role: 'reviewer' },
  { id: 'settings', label: 'Settings', role: 'reviewer' },
  { id: 'users', label: 'Users', role: 'admin' },
  { id: 'audit', label: 'Audit', role: 'lead' },
];

export function Sidebar() {
  const { view, go } = useNav();
  const { health, theme, toggleTheme } = useApp();
  const { onScreen: hidePii, toggle: togglePrivacy } = usePrivacy();
  const { me, signOut } = useSession();
  // Users and assignments exist only with accounts (CCA_AUTH=users).
  const shown = items.filter((i) => can(me, i.role) && ((i.id !== 'users' && i.id !== 'reviews') || me?.mode === 'users'));
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">QA</span>
        <span className="brand-name">Call Center QA</span>
      </div>
      <ul>
        {shown.map((item) => (
          <li key={item.id}>
            <a
              href={`#/${item.id}`}
              className={view === item.id ? 'nav-item active' : 'nav-item'}
              aria-current={view === item.id ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                go(item.id);
              }}
            >
              <Icon name={item.id} />
              {me?.role === 'agent' && item.agentLabel ? item.agentLabel : item.label}
            </a>
          </li>
        ))}
      </ul>
      <div className="sidebar-foot">
        {me?.mode === 'users' && !me.owner ? <NotificationsButton /> : null}
        {me && !me.owner ? (
          <div className="sidebar-user" aria-label="Signed in">
            <span className="who" title={me.username}>{me.displayName}</span>
            <span className="muted small"><span className="role-pill">{me.role}</span>{me.agentName && me.agentName !== me.displayName ? ` · ${me.agentName}` : ''}</span>
            <a href="#/account" className="btn ghost" onClick={(e) => { e.preventDefault(); go('account'); }}>My account</a>
            <button type="button" className="btn ghost" onClick={() => void signOut()}>Sign out</button>
          </div>
        ) : null}
        <button type="button" className="btn ghost" onClick={togglePrivacy} aria-pressed={hidePii}
          title="Mask card numbers, CVVs, dates of birth… in the transcript, search and Personal data on this screen">
          <Icon name={hidePii ? 'eye-off' : 'eye'} size={16} />
          {hidePii ? 'Personal data hidden' : 'Hide personal data'}
        </button>
        <button type="button" className="btn ghost" onClick={toggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
          <Icon name={theme === 'dark' ? 'sun' : 'moon'} size={16} />
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
        {health ? (
          <p className="muted small" title={health.dataDir}>
            v{health.appVersion} · {health.mode === 'electron' ? 'desktop' : 'browser mode'}
          </p>
        ) : null}
      </div>
    </nav>
  );
}
