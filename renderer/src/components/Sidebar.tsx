import { Icon, type IconName } from './Icon.js';
import { useApp } from '../stores/app-store.js';
import { useNav, type ViewId } from '../stores/nav-store.js';

const items: { id: ViewId & IconName; label: string }[] = [
  { id: 'import', label: 'Import' },
  { id: 'queue', label: 'Queue' },
  { id: 'calls', label: 'Calls' },
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'problems', label: 'Problems' },
  { id: 'system', label: 'System' },
  { id: 'reports', label: 'Reports' },
  { id: 'settings', label: 'Settings' },
];

export function Sidebar() {
  const { view, go } = useNav();
  const { health, theme, toggleTheme } = useApp();
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">QA</span>
        <span className="brand-name">Call Center QA</span>
      </div>
      <ul>
        {items.map((item) => (
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
              {item.label}
            </a>
          </li>
        ))}
      </ul>
      <div className="sidebar-foot">
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
