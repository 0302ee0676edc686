import type { AssignmentList, AssignmentStatus } from '../../../../preload/contract/schemas/assignments.js';

const labels: Record<AssignmentStatus, string> = { open: 'To do', overdue: 'Overdue', done: 'Done' };

export function StatusChip({ status }: { status: AssignmentStatus }) {
  return <span className={`status-chip ${status}`}>{labels[status]}</span>;
}

/** Done and overdue as one bar, with the counts beside it. */
export function ProgressBar({ progress }: { progress: AssignmentList['progress'] }) {
  const pct = (n: number) => (progress.total ? (100 * n) / progress.total : 0);
  return (
    <div className="reviews-progress">
      <div className="reviews-bar" role="img" aria-label={`${progress.done} of ${progress.total} reviewed, ${progress.overdue} overdue`}>
        <span className="done" style={{ width: `${pct(progress.done)}%` }} />
        <span className="overdue" style={{ width: `${pct(progress.overdue)}%` }} />
      </div>
      <div className="reviews-counts">
        <span><b>{progress.done}</b> of <b>{progress.total}</b> reviewed</span>
        <span><b>{progress.open}</b> to do</span>
        <span style={{ color: progress.overdue ? 'var(--bad)' : undefined }}><b>{progress.overdue}</b> overdue</span>
      </div>
    </div>
  );
}
