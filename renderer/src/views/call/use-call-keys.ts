import { useEffect } from 'react';

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName));

/** The call page's own keys: [ and ] go to the previous / next call, m marks reviewed and goes on. */
export function useCallKeys(actions: { prev: () => void; next: () => void; reviewAndNext: () => void }): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || typing(e.target)) return;
      const act = e.key === '[' ? actions.prev : e.key === ']' ? actions.next : e.key === 'm' ? actions.reviewAndNext : null;
      if (!act) return;
      e.preventDefault();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
