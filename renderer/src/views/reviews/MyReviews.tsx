import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../../preload/contract/index.js';
import type { AssignmentList } from '../../../../preload/contract/schemas/assignments.js';
import { api } from '../../api/client.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { ProgressBar, StatusChip } from './progress.js';
import { date } from '../../../../preload/contract/time-format.js';

const day = (iso: string) => date(iso);

/** The signed-in reviewer's assigned calls, oldest due first; a row opens the call. */
export function MyReviews({ compact = false }: { compact?: boolean }) {
  const [list, setList] = useState<AssignmentList | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const load = () => void api['assignments.list']({}).then((r) => (r.ok ? setList(r.value) : setError(r.error)));
  useEffect(load, []);
  if (error) return <ErrorBanner error={error} onRetry={() => { setError(null); load(); }} />;
  if (!list) return null;
  if (!list.items.length) {
    if (compact) return <section className="card muted" aria-label="My reviews">No calls are assigned to you.</section>;
    return (
      <EmptyState icon="reviews" title="No calls assigned to you">
        <p>When a lead gives you calls to review — picked by hand or by a sampling rule — they are listed here, oldest due first.</p>
      </EmptyState>
    );
  }
  return (
    <section className="card reviews-grid" aria-label="My reviews">
      <ProgressBar progress={list.progress} />
      <table className="users-table reviews-table">
        <thead><tr><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Call</th><th scope="col">Agent</th><th scope="col">Queue</th><th scope="col">Date</th><th scope="col" className="num">Score</th><th scope="col">Why</th></tr></thead>
        <tbody>
          {list.items.map((a) => (
            <tr key={a.id} className="clickable" onClick={() => { window.location.hash = `#/calls/${a.recordingId}`; }}>
              <td>{a.dueOn ?? <span className="muted">—</span>}</td>
              <td><StatusChip status={a.status} /></td>
              <td><a href={`#/calls/${a.recordingId}`}>{a.fileName}</a></td>
              <td>{a.agent ?? '—'}</td>
              <td>{a.queue ?? '—'}</td>
              <td className="small">{day(a.callAt)}</td>
              <td className="num">{a.scorePct === null ? '—' : Math.round(a.scorePct)}</td>
              <td className="small muted">{a.source === 'sample' ? `sampled · ${a.stratum ?? ''}` : `given by ${a.assignedBy}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
