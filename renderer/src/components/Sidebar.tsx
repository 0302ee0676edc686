import { useApp } from '../stores/app-store.js';
import { useNav, type ViewId } from '../stores/nav-store.js';

const items: { id: ViewId; label: string; icon: string }[] = [
  { id: 'import', label: 'Import', icon: '⇪' },
  { id: 'queue', label: 'Queue', icon: '⏱' },
  { id: 'calls', label: 'Calls', icon: '☎' },
  { id: 'dashboard', label: 'Dashboard', icon: '◔' },
  { id: 'reports', label: 'Reports', icon: '▤' },
  { id: 'settings', label: 'Settings', icon: '⚙' },
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
              <span className="nav-icon" aria-hidden="true">{item.icon}</span>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
      <div className="sidebar-foot">
        <button type="button" className="btn ghost" onClick={toggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
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
