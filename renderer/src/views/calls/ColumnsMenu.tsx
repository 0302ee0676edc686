import { useShallow } from 'zustand/react/shallow';
import { allColumns, useCalls } from '../../stores/calls-store.js';
import { columnDefs } from './columns.js';

/** Show or hide table columns (remembered on this machine). */
export function ColumnsMenu() {
  const { columns, toggleColumn } = useCalls(useShallow((s) => ({ columns: s.columns, toggleColumn: s.toggleColumn })));
  return (
    <details className="calls-menu">
      <summary className="btn">Columns</summary>
      <fieldset className="calls-menu-panel calls-columns">
        <legend className="muted small">Visible columns</legend>
        {allColumns.map((c) => (
          <label key={c}>
            <input type="checkbox" checked={columns.includes(c)} onChange={() => toggleColumn(c)} /> {columnDefs[c].label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
