import { useEffect, type ReactElement } from 'react';
import { usePrivacy } from './stores/privacy-store.js';
import { DropOverlay } from './components/DropOverlay.js';
import { ErrorBanner } from './components/ErrorBanner.js';
import { Sidebar } from './components/Sidebar.js';
import { ShortcutsOverlay } from './components/ShortcutsOverlay.js';
import { Toasts } from './components/Toasts.js';
import { useApp } from './stores/app-store.js';
import { useNav, type ViewId } from './stores/nav-store.js';
import { CallsView } from './views/CallsView.js';
import { CallDetailView } from './views/call/CallDetailView.js';
import { DashboardView } from './views/DashboardView.js';
import { ImportView } from './views/ImportView.js';
import { ProblemsView } from './views/ProblemsView.js';
import { QueueView } from './views/QueueView.js';
import { ReportsView } from './views/ReportsView.js';
import { SettingsView } from './views/SettingsView.js';
import { SystemView } from './views/SystemView.js';
import { AccountView } from './views/AccountView.js';
import { SignInView } from './views/SignInView.js';
import { UsersView } from './views/UsersView.js';
import { AuditView } from './views/AuditView.js';
import { ReviewsView } from './views/ReviewsView.js';
import { can, useSession } from './stores/session-store.js';

const viewComponents: Record<ViewId, () => ReactElement> = {
  import: ImportView,
  queue: QueueView,
  calls: CallsView,
  reviews: ReviewsView,
  dashboard: DashboardView,
  problems: ProblemsView,
  system: SystemView,
  reports: ReportsView,
  settings: SettingsView,
  users: UsersView,
  audit: AuditView,
  account: AccountView,
  call: CallDetailView,
};

export function App() {
  const view = useNav((s) => s.view);
  const { theme, connectionError, loadHealth } = useApp();
  const session = useSession((s) => s.status);
  useEffect(() => void useSession.getState().load(), []);
  useEffect(() => {
    if (session === 'signed-in') void loadHealth();
    // The "hide personal data" default comes from the settings, which reviewers and above may read.
    if (session === 'signed-in' && can(useSession.getState().me, 'reviewer')) void usePrivacy.getState().init();
  }, [session, loadHealth]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  if (session === 'loading') return <div className="signin" aria-busy="true" />;
  if (session === 'signed-out') return <SignInView />;
  const View = viewComponents[view];
  return (
    <div className="shell">
      <Sidebar />
      <main className="content" aria-label={view}>
        {connectionError ? <ErrorBanner error={connectionError} onRetry={loadHealth} /> : null}
        <View />
      </main>
      <Toasts />
      <DropOverlay />
      <ShortcutsOverlay />
    </div>
  );
}
