import type { CallStatus } from '../../../../preload/contract/schemas/calls.js';
import type { QueueSummary } from '../../../../preload/contract/schemas/queue.js';
import { statusLabel } from '../calls/format.js';
import { spanInWords } from './labels.js';

/** Call statuses as the queue has them (an imported call with no step yet is not in the queue). */
const order: CallStatus[] = ['processing', 'queued', 'waiting', 'failed', 'cancelled', 'done'];

/** Calls per status (callStatusOf of their steps; click one to filter), batch ETA and pace. */
export function SummaryBar({ summary, active, onPick }: { summary: QueueSummary; active: CallStatus | ''; onPick: (s: CallStatus | '') => void }) {
  const eta = summary.etaSec === null ? 'estimating…' : summary.etaSec === 0 ? 'nothing left' : `about ${spanInWords(summary.etaSec)}`;
  const total = Object.values(summary.calls).reduce((a, b) => a + b, 0);
  return (
    <section className="q-summary card" aria-label="Queue summary">
      <div className="q-counts" role="group" aria-label="Calls per status">
        {order.map((s) => (
          <button key={s} type="button" className={`q-count call-${s}${active === s ? ' active' : ''}`} aria-pressed={active === s}
            onClick={() => onPick(active === s ? '' : s)} disabled={!summary.calls[s] && active !== s}>
            <span className="q-count-n">{summary.calls[s] ?? 0}</span>
            <span className="q-count-label">{statusLabel[s]}</span>
          </button>
        ))}
      </div>
      <dl className="q-eta">
        <div><dt>Calls</dt><dd>{total} call{total === 1 ? '' : 's'}, {summary.calls.done ?? 0} processed</dd></div>
        <div><dt>Batch ETA</dt><dd>{summary.paused ? 'paused' : eta}</dd></div>
        <div><dt>Pace</dt><dd>{summary.throughputPerMin} steps/min</dd></div>
        <div><dt>Calls in progress</dt><dd>{summary.activeRecordings}</dd></div>
      </dl>
    </section>
  );
}
