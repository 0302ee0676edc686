import { useEffect } from 'react';
import { usePlayer } from '../player-store.js';

/** Space always plays/pauses (not a button press), ←/→ skip 5 s (Shift: 15 s), unless the reviewer is typing. */
export function usePlayerKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      const p = usePlayer.getState();
      if (e.key === ' ') {
        e.preventDefault();
        p.toggle();
      } else if (e.key === 'ArrowLeft') {
        e.preventDefault();
        p.nudge(e.shiftKey ? -15 : -5);
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        p.nudge(e.shiftKey ? 15 : 5);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
