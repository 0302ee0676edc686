import { create } from 'zustand';

export const views = ['import', 'queue', 'calls', 'dashboard', 'problems', 'system', 'reports', 'settings', 'users', 'audit', 'account', 'call'] as const;
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
}

export const useNav = create<NavState>((set) => ({
  view: viewFromHash(),
  go: (view) => {
    if (window.location.hash !== `#/${view}`) window.location.hash = `#/${view}`;
    set({ view });
  },
}));

window.addEventListener('hashchange', () => useNav.setState({ view: viewFromHash() }));
