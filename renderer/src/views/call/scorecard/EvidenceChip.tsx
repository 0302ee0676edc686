import { evidenceMatchNote, type Evidence } from '../../../../../preload/contract/schemas/rules.js';
import { clock } from '../format.js';

const short = (q: string) => (q.length > 60 ? `${q.slice(0, 57)}…` : q);

/**
 * One piece of evidence: the transcript's own words at their time; a click plays from there. How the
 * model's quote was found decides how loud the chip is: exact quietly; normalised (the model wrote
 * "I've" or "£84") with the model's wording in the tooltip; approximate (a word skipped or changed)
 * visibly, with its similarity, so the reviewer listens before relying on it.
 */
export function EvidenceChip({ e, onPlay }: { e: Evidence; onPlay: (sec: number) => void }) {
  const level = e.match ?? 'exact';
  const note = evidenceMatchNote(e);
  const how = note ? ` (${note})` : '';
  return (
    <button type="button" className={`chip evidence-${level}`} data-match={level} title={`Play from ${clock(e.start)}${how}`}
      aria-label={`Evidence at ${clock(e.start)}: ${e.quote}${how}`} onClick={() => onPlay(e.start)}>
      <span className="chip-time">{clock(e.start)}</span> “{short(e.quote)}”
      {level === 'approximate' ? <span className="chip-level" aria-hidden="true">≈ {Math.round((e.similarity ?? 0) * 100)}%</span> : null}
    </button>
  );
}
