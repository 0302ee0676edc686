import { evidenceMatchNote, type Evidence } from '../../../../../preload/contract/schemas/rules.js';
import { clock } from '../format.js';

const short = (q: string) => (q.length > 60 ? `${q.slice(0, 57)}…` : q);

/**
 * One piece of evidence: the transcript's own words at their time; a click plays from there. How the
 * model's quote was found decides how loud the chip is: exact quietly; normalised (the model wrote
 * "I've" or "£84") with the model's wording in the tooltip; approximate (a word skipped or changed)
 * visibly, with its similarity, so the reviewer listens before relying on it.
 */
/**
 * `tabIndex`: -1 inside the scorecard, which is one Tab stop (its question's Enter plays the chips);
 * `current`: the chip the question's Enter played last.
 */
export function EvidenceChip({ e, onPlay, tabIndex, current }: { e: Evidence; onPlay: (sec: number) => void; tabIndex?: number; current?: boolean }) {
  const level = e.match ?? 'exact';
  const note = evidenceMatchNote(e);
  const how = note ? ` (${note})` : '';
  return (
    <button type="button" tabIndex={tabIndex} className={`chip evidence-${level}${current ? ' current' : ''}`} data-match={level} aria-current={current ? 'true' : undefined} title={`Play from ${clock(e.start)}${how}`}
      aria-label={`Evidence at ${clock(e.start)}: ${e.quote}${how}`} onClick={() => onPlay(e.start)}>
      <span className="chip-time">{clock(e.start)}</span> “{short(e.quote)}”
      {level === 'approximate' ? <span className="chip-level" aria-hidden="true">≈ {Math.round((e.similarity ?? 0) * 100)}%</span> : null}
    </button>
  );
}
