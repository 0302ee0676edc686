import type { CallAnalysis } from '../../../../preload/contract/schemas/analysis.js';
import { clock } from './format.js';
import { usePlayer } from './player-store.js';

const level = { positive: 1, neutral: 0, negative: -1 } as const;

/**
 * Customer sentiment over the call as a small step chart: start and end from the analysis, with the
 * moments the model quoted in between (click one to hear it). Plain SVG: 3 points do not need a library.
 */
export function SentimentTimeline({ a, durationSec }: { a: CallAnalysis; durationSec: number }) {
  const seek = usePlayer((s) => s.seek);
  const W = 320;
  const H = 56;
  const dur = Math.max(durationSec, ...a.sentiment.segments.map((s) => s.end), 1);
  const pts = [{ t: 0, v: level[a.sentiment.start] }, ...a.sentiment.segments.map((s) => ({ t: s.start, v: level[s.sentiment] })), { t: dur, v: level[a.sentiment.end] }].sort((x, y) => x.t - y.t);
  const x = (t: number) => (t / dur) * (W - 8) + 4;
  const y = (v: number) => H / 2 - v * (H / 2 - 8);
  const d = pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  return (
    <figure className="sentiment-timeline" aria-label={`Customer sentiment: ${a.sentiment.start} to ${a.sentiment.end}`}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" height={H} role="img" aria-hidden="true">
        <line x1="0" x2={W} y1={y(0)} y2={y(0)} className="st-axis" />
        <path d={d} className="st-line" />
        {pts.map((p, i) => <circle key={i} cx={x(p.t)} cy={y(p.v)} r="3.5" className={`st-dot v${p.v}`} />)}
      </svg>
      {a.sentiment.segments.length ? (
        <figcaption className="chips">
          {a.sentiment.segments.map((s, i) => (
            <button key={i} type="button" className={`chip st-chip v${level[s.sentiment]}`} onClick={() => seek(s.start, true)} aria-label={`${s.sentiment} at ${clock(s.start)}: ${s.quote}`}>
              <span className="chip-time">{clock(s.start)}</span> {s.sentiment}
            </button>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}
