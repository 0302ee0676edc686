import { useEffect, type RefObject } from 'react';
import { useCalls } from '../../stores/calls-store.js';
import { openCall } from './CallsTable.js';

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName));

/** j/k (or ↓/↑) move the selection, Enter opens it, / focuses the search box. Not while typing. */
export function useCallsKeys(search: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const s = useCalls.getState();
      if (e.key === '/') {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
      } else if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        s.select(s.selected + 1);
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        s.select(s.selected - 1);
      } else if (e.key === 'Enter') {
        const row = s.rows.get(s.selected);
        if (row && !(e.target instanceof HTMLAnchorElement || e.target instanceof HTMLButtonElement)) {
          e.preventDefault();
          openCall(row.id);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [search]);
}
