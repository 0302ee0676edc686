import { useReports } from '../../stores/reports-store.js';
import { kindInfo } from './report-kinds.js';
import { dateTime } from '../../../../preload/contract/time-format.js';

const size = (b: number | null) => (b === null ? '' : b > 1_048_576 ? `${(b / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(b / 1024))} KB`);

/** The last exports (kept in the database), each can be made again with the same path. */
export function RecentExports() {
  const { recent, save, busy } = useReports();
  return (
    <section className="card reports-recent" aria-label="Recent exports">
      <h2>Recent exports</h2>
      {recent.length === 0 ? <p className="muted">Nothing exported yet.</p> : (
        <table>
          <thead><tr><th>When</th><th>Type</th><th>File</th><th>Size</th><th>Redaction</th><th /></tr></thead>
          <tbody>
            {recent.map((r) => (
              <tr key={r.id}>
                <td>{dateTime(r.at)}</td>
                <td>{kindInfo(r.kind).label}</td>
                <td className="file">{r.fileName}{r.rows !== null ? <span className="muted"> · {r.rows} rows</span> : null}</td>
                <td>{size(r.bytes)}</td>
                <td>{r.redacted ? 'Redacted' : <span className="bad">Not redacted</span>}</td>
                <td><button type="button" className="btn ghost" disabled={busy} onClick={() => void save(r.path)}>Download again</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
