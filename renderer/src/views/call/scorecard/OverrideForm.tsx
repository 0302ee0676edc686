import { useState, type ReactNode } from 'react';

/**
 * The reviewer's override editor, for a criterion, a compliance item or the call's outcome: the new
 * value (plus any fields the caller adds as `children`) and a required reason (kept in the audit trail). It takes the keyboard when it opens; Esc cancels, Ctrl/⌘+Enter
 * saves. `onSave` resolves true when the change was stored (the editor then closes).
 */
export function OverrideForm<T extends string>({ label, valueLabel, value, options, busy, onSave, onClose, children }: {
  label: string;
  valueLabel: string;
  value: T;
  options: readonly { value: T; label: string }[];
  busy: boolean;
  onSave: (value: T, comment: string) => Promise<boolean>;
  onClose: () => void;
  children?: ReactNode;
}) {
  const [form, setForm] = useState({ value, comment: '' });
  const submit = async () => {
    if (form.comment.trim() && (await onSave(form.value, form.comment.trim()))) onClose();
  };
  return (
    <form className="override-form" aria-label={label} onSubmit={(e) => { e.preventDefault(); void submit(); }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') { e.preventDefault(); onClose(); }
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void submit(); }
      }}>
      <select value={form.value} aria-label={valueLabel} autoFocus onChange={(e) => setForm({ ...form, value: e.target.value as T })}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {children}
      <textarea value={form.comment} rows={2} required aria-label="Why (required)" placeholder="Why? (required, kept in the audit trail)" onChange={(e) => setForm({ ...form, comment: e.target.value })} />
      <span className="override-actions">
        <button type="submit" className="btn small primary" disabled={busy || !form.comment.trim()}>Save override</button>
        <button type="button" className="btn small" onClick={onClose}>Cancel</button>
      </span>
    </form>
  );
}
