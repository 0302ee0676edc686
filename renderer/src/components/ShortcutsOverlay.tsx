import { useEffect, useRef, useState } from 'react';

/** Every keyboard shortcut of the app, by where it works. One list: the overlay is its only reader. */
export const shortcuts: { where: string; keys: [string, string][] }[] = [
  { where: 'Anywhere', keys: [['?', 'Show or hide this list'], ['Esc', 'Close a dialog or an open editor'], ['Ctrl+Enter', 'Save an override']] },
  { where: 'Calls list', keys: [['j / ↓', 'Next call'], ['k / ↑', 'Previous call'], ['Enter', 'Open the selected call'], ['/', 'Search transcripts']] },
  {
    where: 'Call page',
    keys: [
      ['Space', 'Play / pause'], ['← / →', 'Back / forward 5 s (Shift: 15 s)'], ['[ / ]', 'Previous / next call in the list'],
      ['m', 'Mark reviewed and open the next call'], ['t', 'Go to the transcript'], ['s', 'Go to the scorecard'], ['Tab', 'Into the transcript (one stop), then the scorecard (one stop)'],
    ],
  },
  { where: 'Transcript', keys: [['← / →', 'Previous / next word'], ['↑ / ↓', 'Previous / next line'], ['Home / End', 'First / last line'], ['Enter', 'Play from the word'], ['E', 'Correct the line']] },
  {
    where: 'Scorecard question',
    keys: [
      ['↑ / ↓ or k / j', 'Previous / next question'], ['Home / End', 'First / last question'],
      ['y / n / a', 'Override with Yes / No / N/A: the comment box opens'], ['1 – 5', 'Override a 1–5 question with that answer'],
      ['o', 'Override: choose the answer in the form'], ['Enter', 'Play its evidence (again: the next piece)'], ['r', "Revert an override to the AI's answer"], ['d', 'Dispute the answer (a reviewed call)'],
    ],
  },
  { where: 'Override form', keys: [['Enter', 'Save (on the answer: go to the comment first; Shift+Enter: new line)'], ['Esc', 'Cancel, back to the question']] },
];

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName));

/** `?` opens a list of the shortcuts; Esc or `?` closes it and gives the keyboard back where it was. */
export function ShortcutsOverlay() {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !typing(e.target) && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-title" onClose={() => setOpen(false)}>
      <header className="shortcuts-head">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button type="button" className="btn small" onClick={() => setOpen(false)} aria-label="Close">Close</button>
      </header>
      {/* Rendered only while open: closed, its labels ("Call page", "Calls list") would join every page's names. */}
      {open ? (
        <div className="shortcuts-grid">
          {shortcuts.map((g) => (
            <section key={g.where} aria-label={g.where}>
              <h3>{g.where}</h3>
              <dl>
                {g.keys.map(([k, what]) => (
                  <div key={k} className="shortcut"><dt><kbd>{k}</kbd></dt><dd>{what}</dd></div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      ) : null}
    </dialog>
  );
}
