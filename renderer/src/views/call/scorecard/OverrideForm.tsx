import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * The reviewer's override editor, for a criterion, a compliance item or the call's outcome: the new
 * value (plus any fields the caller adds as `children`) and a required reason (kept in the audit
 * trail). It takes the keyboard when it opens: on the value, or on the reason when the value was
 * already chosen (`focus: 'comment'`, a scorecard answer key). Esc cancels; Enter on the value goes
 * on to the reason; Enter in the reason (Shift+Enter: a new line) or Ctrl/⌘+Enter anywhere saves.
 * `onSave` resolves true when the change was stored (the editor then closes).
 */
export function OverrideForm<T extends string>({ label, valueLabel, value, options, busy, onSave, onClose, focus = 'value', children }: {
  label: string;
  valueLabel: string;
  value: T;
  options: readonly { value: T; label: string }[];
  busy: boolean;
  onSave: (value: T, comment: string) => Promise<boolean>;
  onClose: () => void;
  focus?: 'value' | 'comment';
  children?: ReactNode;
}) {
  const [form, setForm] = useState({ value, comment: '' });
  const comment = useRef<HTMLTextAreaElement>(null);
  const self = useRef<HTMLFormElement>(null);
  // Opened from the keyboard near the bottom of the window: show all of it, Save included.
  useEffect(() => {
    // A block: scrollIntoView may return a promise, which React would take for a cleanup function.
    self.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const submit = async () => {
    if (form.comment.trim() && (await onSave(form.value, form.comment.trim()))) onClose();
  };
  return (
    <form ref={self} className="override-form" aria-label={label} onSubmit={(e) => { e.preventDefault(); void submit(); }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') { e.preventDefault(); onClose(); }
        if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
        // Enter on the value goes on to the reason (or saves, when it is written).
        if (e.target instanceof HTMLSelectElement && !form.comment.trim()) { e.preventDefault(); comment.current?.focus(); return; }
        const plain = !e.shiftKey && (e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement);
        if (e.ctrlKey || e.metaKey || plain) { e.preventDefault(); void submit(); }
      }}>
      <select value={form.value} aria-label={valueLabel} autoFocus={focus === 'value'} onChange={(e) => setForm({ ...form, value: e.target.value as T })}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {children}
      <textarea ref={comment} value={form.comment} rows={2} required autoFocus={focus === 'comment'} aria-label="Why (required)" aria-keyshortcuts="Enter"
        placeholder="Why? (required, kept in the audit trail; Enter saves, Shift+Enter: new line)" onChange={(e) => setForm({ ...form, comment: e.target.value })} />
      <span className="override-actions">
        <button type="submit" className="btn small primary" disabled={busy || !form.comment.trim()}>Save override</button>
        <button type="button" className="btn small" onClick={onClose}>Cancel</button>
        <span className="muted small override-keys" aria-hidden="true">Enter saves · Esc cancels</span>
      </span>
    </form>
  );
}
