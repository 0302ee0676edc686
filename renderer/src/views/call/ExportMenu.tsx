import { useReports } from '../../stores/reports-store.js';
import { kinds as reportKinds } from '../reports/report-kinds.js';

/**
 * Exports of this call from its own page: the scorecard PDF, the evidence pack and the transcript
 * formats, saved the way the Reports view saves them (OS dialog on desktop, a download in a browser),
 * personal data redacted as there by default.
 */
export function ExportMenu({ id }: { id: number }) {
  const busy = useReports((s) => s.busy);
  const notice = useReports((s) => s.notice);
  const kinds = reportKinds.filter((k) => k.scope === 'call');
  return (
    <details className="export-menu">
      <summary className="btn">Export</summary>
      <ul className="export-menu-list" aria-label="Export this call">
        {kinds.map((k) => (
          <li key={k.kind}>
            <button type="button" className="btn ghost" disabled={busy} onClick={(e) => {
              e.currentTarget.closest<HTMLDetailsElement>('details')?.removeAttribute('open');
              void useReports.getState().save(`/api/v1/recordings/${id}/${k.kind}`);
            }}>{k.label}</button>
          </li>
        ))}
        <li className="muted small export-menu-note">Personal data is redacted; for other options use Reports.</li>
        {notice ? <li className="small" role="status">{notice}</li> : null}
      </ul>
    </details>
  );
}
