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
   * What is unsaved on the screen, in the plural ("settings", "rubric changes"), each added by useUnsavedGuard while
   * it is: leaving the view asks first, naming them all — the one leave guard of the app.
   */
  unsaved: readonly string[];
}

const listed = (xs: readonly string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** True when nothing is unsaved, or the person chose to discard it. */
export function mayLeave(): boolean {
  const { unsaved } = useNav.getState();
  return !unsaved.length || window.confirm(`You have unsaved ${listed(unsaved)}. Leave and discard them?`);
}

let shownHash = window.location.hash;

export const useNav = create<NavState>((set, get) => ({
  view: viewFromHash(),
  unsaved: [],
  go: (view) => {
    if (view !== get().view && !mayLeave()) return;
    if (window.location.hash !== `#/${view}`) window.location.hash = `#/${view}`;
    shownHash = window.location.hash;
    set({ view });
  },
}));

window.addEventListener('hashchange', () => {
  const next = viewFromHash();
  const { view } = useNav.getState();
  if (next !== view && !mayLeave()) {
    // Stay: put the address back without another hashchange.
    window.history.replaceState(null, '', shownHash || '#/');
    return;
  }
  shownHash = window.location.hash;
  useNav.setState({ view: next });
});
