import type { QueueRow } from '../../stores/queue-store.js';
import { pipelineSteps, stateLabels, stepDetail, stepLabels } from './labels.js';

interface Props {
  row: QueueRow;
  now: number;
  selected: boolean;
  onToggle: () => void;
  onRetry: () => void;
  onCancel: () => void;
  onBump: () => void;
}

/** One call (its file name opens the call page): a pill per pipeline step with its state, progress and reason, plus row actions. */
export function RecordingRow({ row, now, selected, onToggle, onRetry, onCancel, onBump }: Props) {
  const jobs = Object.values(row.steps);
  const canRetry = jobs.some((j) => j.state === 'failed' || j.state === 'cancelled' || j.state === 'waiting_retry');
  const canCancel = jobs.some((j) => !['done', 'failed', 'cancelled'].includes(j.state));
  const problem = jobs.find((j) => (j.state === 'failed' || j.state === 'waiting_config') && j.error);
  return (
    <tr className={selected ? 'selected' : undefined}>
      <td className="q-check">
        <input type="checkbox" checked={selected} onChange={onToggle} aria-label={`Select ${row.fileName}`} />
      </td>
      <td className="q-name">
        <a className="q-file" href={`#/calls/${row.recordingId}`} title={`${row.fileName}: open the call`}>{row.fileName}</a>
        {row.priority > 0 ? <span className="q-badge">Priority</span> : null}
        {problem?.error ? <div className={`small q-hint state-${problem.state}`}>{problem.error.hint}</div> : null}
        <div className="q-actions">
          <button type="button" className="btn ghost" onClick={onRetry} disabled={!canRetry}>Retry</button>
          <button type="button" className="btn ghost" onClick={onCancel} disabled={!canCancel}>Cancel</button>
          <button type="button" className="btn ghost" onClick={onBump} disabled={!canCancel} title="Process this recording next">Move up</button>
        </div>
      </td>
      {pipelineSteps.map((s) => {
        const j = row.steps[s];
        if (!j) return <td key={s} className="q-step"><span className="q-pill state-pending">Not started</span></td>;
        const detail = stepDetail(j, now);
        return (
          <td key={s} className="q-step" title={j.error ? `${j.error.message}\n${j.error.hint}` : undefined}>
            <span className={`q-pill state-${j.state}`} aria-label={`${stepLabels[s]}: ${stateLabels[j.state]}`}>{stateLabels[j.state]}</span>
            {j.state === 'running' && j.progress !== null ? (
              <div className="q-progress"><div style={{ width: `${Math.round(j.progress * 100)}%` }} /></div>
            ) : null}
            {detail ? <div className="small muted q-detail">{detail}</div> : null}
          </td>
        );
      })}
    </tr>
  );
}
