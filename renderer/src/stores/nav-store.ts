import { create } from 'zustand';

export const views = ['import', 'queue', 'calls', 'reviews', 'dashboard', 'problems', 'system', 'reports', 'settings', 'users', 'audit', 'account', 'call'] as const;
export type ViewId = (typeof views)[number];

/** `#/calls` → 'calls'. Unknown or empty routes land on Calls, the reviewer's home. */
function viewFromHash(): ViewId {
  if (/^#\/calls\/\d+/.test(window.location.hash)) return 'call'; // one call's detail page
  const id = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] as ViewId;
  return views.includes(id) ? id : 'calls';
}

interface NavState {
  view: ViewId;
  go: (view: ViewId) => void;
  /**
   * A view with unsaved work asks before the reviewer leaves it: return false to stay. One at a time
   * (the view that is showing); cleared by setting null.
   */
  leaveGuard: (() => boolean) | null;
}

let shownHash = window.location.hash;

export const useNav = create<NavState>((set, get) => ({
  view: viewFromHash(),
  leaveGuard: null,
  go: (view) => {
    const guard = get().leaveGuard;
    if (view !== get().view && guard && !guard()) return;
    if (window.location.hash !== `#/${view}`) window.location.hash = `#/${view}`;
    shownHash = window.location.hash;
    set({ view });
  },
}));

window.addEventListener('hashchange', () => {
  const next = viewFromHash();
  const { view, leaveGuard } = useNav.getState();
  if (next !== view && leaveGuard && !leaveGuard()) {
    // Stay: put the address back without another hashchange.
    window.history.replaceState(null, '', shownHash || '#/');
    return;
  }
  shownHash = window.location.hash;
  useNav.setState({ view: next });
});
