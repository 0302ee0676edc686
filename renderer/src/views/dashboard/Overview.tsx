import type { DashboardView } from '../../../../preload/contract/operations/dashboard.js';

/**
 * The headline numbers above the charts. Each figure whose name could be read two ways says what it
 * counts under its number (not only on hover): "not reviewed yet" is every call no person has marked
 * reviewed; "needs a person first" is the subset whose AI result is doubtful and stays out of the
 * score until someone reviews it.
 */
export function Overview({ o, loading }: { o: DashboardView['overview']; loading: boolean }) {
  const share = (n: number) => (o.calls ? ` (${Math.round((n / o.calls) * 100)}%)` : '');
  const items: [label: string, value: string, what?: string][] = [
    ['Calls', o.calls.toLocaleString()],
    ['Scored', o.scored.toLocaleString(), 'with a final score'],
    ['Average score', o.avgScore === null ? '—' : `${Math.round(o.avgScore * 10) / 10}%`],
    ['Reviewed', `${o.reviewed.toLocaleString()}${share(o.reviewed)}`, 'marked reviewed by a person'],
    ['Not reviewed yet', `${(o.calls - o.reviewed).toLocaleString()}${share(o.calls - o.reviewed)}`, 'no person has marked them reviewed'],
    ['Needs a person first', o.awaitingReview.toLocaleString(), 'AI result doubtful (transcript quality or unsupported answers): left out of the score until reviewed'],
    ['Processing cost', `$${o.costUsd.toFixed(2)}`],
    ['AI answers without evidence', o.unsupportedAnswers.toLocaleString(), 'cite nothing verified in the call'],
    ['Quotes not in the call', o.quotesNotFound.toLocaleString(), 'dropped from the evidence'],
  ];
  return (
    <dl className={`dash-overview${loading ? ' loading' : ''}`} aria-label="Overview" aria-busy={loading}>
      {items.map(([k, v, what]) => (
        <div key={k} className="card">
          <dt className="muted small">{k}</dt>
          <dd>{v}</dd>
          {what ? <dd className="muted small dash-what">{what}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
