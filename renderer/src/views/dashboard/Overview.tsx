import type { DashboardView } from '../../../../preload/contract/operations/dashboard.js';

/** The headline numbers above the charts. */
export function Overview({ o, loading }: { o: DashboardView['overview']; loading: boolean }) {
  const items = [
    ['Calls', o.calls.toLocaleString()],
    ['Scored', o.scored.toLocaleString()],
    ['Average score', o.avgScore === null ? '—' : `${Math.round(o.avgScore * 10) / 10}%`],
    ['Reviewed', `${o.reviewed.toLocaleString()}${o.calls ? ` (${Math.round((o.reviewed / o.calls) * 100)}%)` : ''}`],
    ['Processing cost', `$${o.costUsd.toFixed(2)}`],
    ['Awaiting review', o.awaitingReview.toLocaleString(), 'Calls whose AI result needs a person (low transcript quality or unsupported answers): not counted in the score until reviewed'],
    ['AI answers without evidence', o.unsupportedAnswers.toLocaleString(), 'AI answers that cite nothing verified in the call'],
    ['Quotes not in the call', o.quotesNotFound.toLocaleString(), 'Quotes the AI gave that are not in the transcript (dropped from the evidence)'],
  ];
  return (
    <dl className={`dash-overview${loading ? ' loading' : ''}`} aria-label="Overview" aria-busy={loading}>
      {items.map(([k, v, why]) => (
        <div key={k} className="card" title={why}>
          <dt className="muted small">{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
