import { EChart, type ChartClick, type ChartOption } from './EChart.js';

/** A titled card around one chart, named for assistive technology by its title. */
export function ChartCard({ title, hint, option, onClick, height }: { title: string; hint?: string; option: ChartOption; onClick?: (e: ChartClick) => void; height?: number }) {
  return (
    <section className="card dash-card" aria-label={title}>
      <header className="dash-card-head">
        <h2>{title}</h2>
        {hint ? <span className="muted small">{hint}</span> : null}
      </header>
      <EChart option={option} onClick={onClick} label={title} height={height} />
    </section>
  );
}
