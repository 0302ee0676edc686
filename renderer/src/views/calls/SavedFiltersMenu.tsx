import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCalls } from '../../stores/calls-store.js';

/** Saved filters: apply one, delete one, or save the current filters under a name. */
export function SavedFiltersMenu() {
  const { saved, applySaved, deleteSaved, saveFilter, filter } = useCalls(useShallow((s) => ({ saved: s.saved, applySaved: s.applySaved, deleteSaved: s.deleteSaved, saveFilter: s.saveFilter, filter: s.filter })));
  const [name, setName] = useState('');
  const canSave = Object.keys(filter).length > 0;
  return (
    <details className="calls-menu">
      <summary className="btn">Saved filters{saved.length ? <span className="badge">{saved.length}</span> : null}</summary>
      <div className="calls-menu-panel" role="group" aria-label="Saved filters">
        {saved.length ? (
          <ul className="calls-saved">
            {saved.map((f) => (
              <li key={f.id}>
                <button type="button" className="calls-saved-apply" onClick={(e) => {
                  applySaved(f);
                  e.currentTarget.closest('details')?.removeAttribute('open');
                }}>{f.name}</button>
                <button type="button" className="btn ghost calls-saved-delete" aria-label={`Delete saved filter ${f.name}`} onClick={() => void deleteSaved(f.id)}>✕</button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">No saved filters yet.</p>
        )}
        <form className="calls-save" onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          void saveFilter(name.trim());
          setName('');
        }}>
          <input aria-label="Saved filter name" placeholder={canSave ? 'Name the current filters' : 'Set some filters first'} value={name}
            disabled={!canSave} onChange={(e) => setName(e.target.value)} maxLength={80} />
          <button type="submit" className="btn primary" disabled={!canSave || !name.trim()}>Save</button>
        </form>
      </div>
    </details>
  );
}
