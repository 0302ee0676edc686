import { EChart, type ChartClick, type ChartOption } from './EChart.js';

/** A chart element's click-through for keyboard and screen-reader users: its name and count, and what it opens. */
export interface ChartLink { label: string; open: () => void }

/**
 * A titled card around one chart, named for assistive technology by its title. A chart is drawn in
 * SVG and clicked with a mouse; `links` repeat its click-throughs as real buttons, out of sight until
 * one of them has keyboard focus (Tab reaches them right after the chart's card header).
 */
export function ChartCard({ title, hint, option, onClick, height, links, empty }: {
  title: string; hint?: string; option: ChartOption; onClick?: (e: ChartClick) => void; height?: number; links?: ChartLink[];
  /** Said instead of an empty chart: why there is nothing to draw and what to do about it. */
  empty?: string | null;
}) {
  return (
    <section className="card dash-card" aria-label={title}>
      <header className="dash-card-head">
        <h2>{title}</h2>
        {hint ? <span className="muted small">{hint}</span> : null}
      </header>
      {links?.length ? (
        <ul className="dash-links" aria-label={`${title}: open the calls`}>
          {links.map((l) => (
            <li key={l.label}><button type="button" className="btn ghost" onClick={l.open}>{l.label}</button></li>
          ))}
        </ul>
      ) : null}
      {empty ? <p className="muted dash-empty" role="note">{empty}</p> : <EChart option={option} onClick={onClick} label={title} height={height} />}
    </section>
  );
}
