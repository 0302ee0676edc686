import { daysAgo, useDashboard } from '../../stores/dashboard-store.js';

const presets: [string, number | null][] = [['7 days', 7], ['30 days', 30], ['90 days', 90], ['All time', null]];

/** Date range of the dashboard: presets or explicit from/to (inclusive, on the call date). */
export function RangeBar() {
  const { from, to, setRange } = useDashboard();
  return (
    <div className="range-bar" role="group" aria-label="Date range">
      {presets.map(([label, days]) => {
        const f = days === null ? '' : daysAgo(days - 1);
        const active = from === f && to === '';
        return <button key={label} type="button" className={`btn small${active ? ' on' : ''}`} aria-pressed={active} onClick={() => setRange(f, '')}>{label}</button>;
      })}
      <input type="date" aria-label="From" value={from} max={to || undefined} onChange={(e) => setRange(e.target.value, to)} />
      <span className="muted">–</span>
      <input type="date" aria-label="To" value={to} min={from || undefined} onChange={(e) => setRange(from, e.target.value)} />
    </div>
  );
}
