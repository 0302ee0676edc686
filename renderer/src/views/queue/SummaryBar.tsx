import type { JobState, QueueSummary } from '../../../../preload/contract/schemas/queue.js';
import { spanInWords, stateLabels } from './labels.js';

const order: JobState[] = ['running', 'queued', 'waiting_retry', 'waiting_network', 'waiting_config', 'paused', 'failed', 'cancelled', 'done'];

/** Counts per state (click one to filter), batch ETA and pace. */
export function SummaryBar({ summary, active, onPick }: { summary: QueueSummary; active: JobState | ''; onPick: (s: JobState | '') => void }) {
  const eta = summary.etaSec === null ? 'estimating…' : summary.etaSec === 0 ? 'nothing left' : `about ${spanInWords(summary.etaSec)}`;
  return (
    <section className="q-summary card" aria-label="Queue summary">
      <div className="q-counts" role="group" aria-label="Steps per state">
        {order.map((s) => (
          <button key={s} type="button" className={`q-count state-${s}${active === s ? ' active' : ''}`} aria-pressed={active === s}
            onClick={() => onPick(active === s ? '' : s)} disabled={!summary.counts[s] && active !== s}>
            <span className="q-count-n">{summary.counts[s] ?? 0}</span>
            <span className="q-count-label">{stateLabels[s]}</span>
          </button>
        ))}
      </div>
      <dl className="q-eta">
        <div><dt>Batch ETA</dt><dd>{summary.paused ? 'paused' : eta}</dd></div>
        <div><dt>Pace</dt><dd>{summary.throughputPerMin} steps/min</dd></div>
        <div><dt>Recordings in progress</dt><dd>{summary.activeRecordings}</dd></div>
      </dl>
    </section>
  );
}
