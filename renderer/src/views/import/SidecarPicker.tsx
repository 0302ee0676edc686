import { useRef } from 'react';
import { transport } from '../../api/client.js';
import { useImport } from '../../stores/import-store.js';

/**
 * Choose a calls.csv / calls.xlsx whose rows fill in agent, queue, call time… by file name for the
 * next import (one in a dropped folder is picked up by itself). Desktop sends its path; the browser
 * uploads it with the recordings.
 */
export function SidecarPicker({ disabled }: { disabled: boolean }) {
  const { sidecar, chooseSidecar } = useImport();
  const input = useRef<HTMLInputElement>(null);
  return (
    <span className="sidecar-picker">
      {sidecar ? (
        <span className="sidecar-chosen" title="Call metadata for the next import, matched by file name">
          Metadata: <strong>{sidecar.name}</strong>
          <button type="button" className="btn ghost small" aria-label={`Remove metadata file ${sidecar.name}`} onClick={() => chooseSidecar(null)}>×</button>
        </span>
      ) : (
        <button type="button" className="btn" disabled={disabled} onClick={() => input.current?.click()}>Metadata file…</button>
      )}
      <input
        ref={input} type="file" hidden accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label="Choose a calls.csv or calls.xlsx metadata file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          const path = transport?.kind === 'electron' ? window.cca?.getPathForFile(file) : undefined;
          chooseSidecar(path ? { name: file.name, path } : { name: file.name, file });
        }}
      />
    </span>
  );
}

/** After a batch: what each metadata file matched and which lines it skipped, and why. */
export function SidecarReports() {
  const reports = useImport((s) => s.sidecarReports);
  if (!reports.length) return null;
  return (
    <ul className="sidecar-reports" aria-label="Metadata files">
      {reports.map((r) => (
        <li key={r.fileName}>
          <strong>{r.fileName}</strong>: {r.error ? r.error.message : `${r.matched} of ${r.rows} rows matched a recording`}
          {r.badRows.length ? (
            <ul>
              {r.badRows.slice(0, 20).map((b) => <li key={b.line}>Line {b.line} skipped: {b.message}</li>)}
              {r.badRows.length > 20 ? <li>… and {r.badRows.length - 20} more lines</li> : null}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
