import { useEffect, useState } from 'react';
import type { DisputeView } from '../../../../preload/contract/schemas/disputes.js';
import { api } from '../../api/client.js';
import { answerLabel } from '../call/format.js';

const days = (iso: string) => Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 86_400_000));

/**
 * The lead's list of open disputes, oldest first (they have waited longest). Each opens its call,
 * where the lead reads the exchange at its moment and resolves it.
 */
export function OpenDisputes() {
  const [rows, setRows] = useState<DisputeView[] | null>(null);
  useEffect(() => void api['disputes.list']({ status: 'open', limit: 200 }).then((r) => setRows(r.ok ? r.value : null)), []);
  if (!rows) return null;
  return (
    <section className="card" aria-label="Open disputes">
      <h2>Open disputes</h2>
      <p className="muted small">Criteria an agent or a reviewer contested, oldest first. Open the call to hear the moment and decide.</p>
      <table className="users-table reviews-table">
        <thead><tr><th scope="col">Call</th><th scope="col">Criterion</th><th scope="col">Answer</th><th scope="col">Raised by</th><th scope="col" className="num">Waiting</th></tr></thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              <td><a href={`#/calls/${d.recordingId}`}>{d.fileName}</a>{d.agent ? <span className="muted small"> · {d.agent}</span> : null}</td>
              <td title={d.comment}>{d.question}</td>
              <td>{answerLabel(d.answer)}</td>
              <td className="small">{d.raisedBy} ({d.raisedRole})</td>
              <td className="num">{days(d.raisedAt)} d</td>
            </tr>
          ))}
          {!rows.length ? <tr><td colSpan={5} className="muted">No open disputes.</td></tr> : null}
        </tbody>
      </table>
    </section>
  );
}
