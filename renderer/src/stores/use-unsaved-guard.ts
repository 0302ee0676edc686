import { useEffect } from 'react';
import { useNav } from './nav-store.js';

/**
 * While `dirty`, `what` ("rubric changes") is unsaved: leaving the view asks first (nav-store's
 * mayLeave), and so does closing or reloading the page. Every editor joins the same guard.
 */
export function useUnsavedGuard(what: string, dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onUnload);
    useNav.setState((s) => ({ unsaved: [...s.unsaved.filter((x) => x !== what), what] }));
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      useNav.setState((s) => ({ unsaved: s.unsaved.filter((x) => x !== what) }));
    };
  }, [what, dirty]);
}
