import type { DashboardView } from '../../../../preload/contract/operations/dashboard.js';

/** The headline numbers above the charts. */
export function Overview({ o, loading }: { o: DashboardView['overview']; loading: boolean }) {
  const items = [
    ['Calls', o.calls.toLocaleString()],
    ['Scored', o.scored.toLocaleString()],
    ['Average score', o.avgScore === null ? '—' : `${Math.round(o.avgScore * 10) / 10}%`],
    ['Reviewed', `${o.reviewed.toLocaleString()}${o.calls ? ` (${Math.round((o.reviewed / o.calls) * 100)}%)` : ''}`],
    ['Processing cost', `$${o.costUsd.toFixed(2)}`],
  ];
  return (
    <dl className={`dash-overview${loading ? ' loading' : ''}`} aria-label="Overview" aria-busy={loading}>
      {items.map(([k, v]) => (
        <div key={k} className="card">
          <dt className="muted small">{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
