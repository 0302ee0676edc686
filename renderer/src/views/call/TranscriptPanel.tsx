import type { TranscriptView } from '../../../../preload/contract/operations/transcripts.js';
import { clock, roleLabel } from './format.js';

/**
 * The transcript, one row per segment with who spoke (Agent / Customer) and when. `highlight` is the
 * time an evidence chip pointed at: the segment containing it is marked and scrolled into view.
 */
export function TranscriptPanel({ view, highlight }: { view: TranscriptView; highlight: number | null }) {
  const t = view.transcript;
  const speaker = (id: string) => t.speakers.find((s) => s.id === id);
  return (
    <section className="card call-transcript" aria-label="Transcript">
      <header className="call-card-head">
        <h2>Transcript</h2>
        <span className="muted small">
          {view.provider} · {view.model} · {t.segments.length} segments{view.costUsd !== null ? ` · $${view.costUsd.toFixed(4)}` : ''}
        </span>
      </header>
      <ol className="segments">
        {t.segments.map((s, i) => {
          const info = speaker(s.speaker);
          const active = highlight !== null && highlight >= s.start - 0.05 && highlight <= s.end + 0.05;
          return (
            <li
              key={`${s.start}-${i}`}
              className={`segment role-${s.role}${active ? ' active' : ''}`}
              data-start={s.start}
              ref={active ? (el) => el?.scrollIntoView({ block: 'center', behavior: 'smooth' }) : undefined}
            >
              <span className="seg-time">{clock(s.start)}</span>
              <span className={`seg-role role-${s.role}`} title={info ? `${info.roleSource}, confidence ${Math.round(info.roleConfidence * 100)}%` : undefined}>
                {roleLabel(s.role, info?.name ?? null)}
              </span>
              <span className="seg-text">{s.text}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
