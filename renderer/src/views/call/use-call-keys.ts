import { useEffect } from 'react';

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName));

/**
 * The call page's own keys: [ and ] go to the previous / next call, m marks reviewed and goes on,
 * t puts the keyboard in the transcript (its cursor word), s in the scorecard (the question holding
 * its one Tab stop, where y / n / a override; see CriterionItem).
 */
const focusFirst = (selector: string) => document.querySelector<HTMLElement>(selector)?.focus();

export function useCallKeys(actions: { prev: () => void; next: () => void; reviewAndNext: () => void }): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || typing(e.target)) return;
      const act = e.key === '[' ? actions.prev : e.key === ']' ? actions.next : e.key === 'm' ? actions.reviewAndNext
        : e.key === 't' ? () => focusFirst('[data-testid="transcript-scroll"] [tabindex="0"]')
        : e.key === 's' ? () => focusFirst('[aria-label="Scorecard"] li.criterion[tabindex="0"]') : null;
      if (!act) return;
      e.preventDefault();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
