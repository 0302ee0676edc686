import { memo, useState } from 'react';
import type { SpeakerInfo, TranscriptSegment } from '../../../../../preload/contract/schemas/transcript.js';
import { useCall } from '../../../stores/call-store.js';
import { clock, roleLabel } from '../format.js';
import { usePlayer } from '../player-store.js';

/** Index of the word playing at `t` in this segment, or -1 (only rows of the playing segment re-render). */
function wordAt(seg: TranscriptSegment, t: number): number {
  if (t < seg.start || t > seg.end + 0.25) return -1;
  let ans = -1;
  for (let i = 0; i < seg.words.length; i++) {
    if (seg.words[i]!.start <= t + 0.02) ans = i;
    else break;
  }
  return ans;
}

interface Props {
  index: number;
  seg: TranscriptSegment;
  info: SpeakerInfo | null;
  active: boolean;
  edited: boolean;
  original: string;
  query: string;
  top: number;
  measure: (el: Element | null) => void;
  /** The word that holds the transcript's one Tab stop (roving tabindex), or -1 when it is elsewhere. */
  cursor: number;
  /** The segment's Edit was asked for from the keyboard (E). */
  editRequest: number;
}

/**
 * One transcript row: time (click to seek), who spoke, and the words, each a button named after the
 * word and its time that seeks the audio there (Enter plays from it). Only the transcript's cursor
 * word is a Tab stop; the arrow keys move it (TranscriptPanel). "Edit" corrects the segment's text (kept as
 * an edit over the provider's output; the original stays one hover away).
 */
export const SegmentRow = memo(function SegmentRow({ index, seg, info, active, edited, original, query, top, measure, cursor, editRequest }: Props) {
  const current = usePlayer((s) => (active ? wordAt(seg, s.time) : -1));
  const seek = usePlayer((s) => s.seek);
  const editSegment = useCall((s) => s.editSegment);
  const [editing, setEditing] = useState<string | null>(null);
  const [seenRequest, setSeenRequest] = useState(editRequest);
  if (editRequest !== seenRequest) {
    // Adjusting state on a prop change during render (React's documented alternative to an effect).
    setSeenRequest(editRequest);
    if (editRequest > 0) setEditing(seg.text);
  }
  // Enter on a word plays from it, paused or not (a click only moves the playhead).
  const playKey = (e: React.KeyboardEvent, sec: number) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    e.stopPropagation();
    seek(sec, true);
  };
  const hit = (w: string) => query !== '' && w.toLowerCase().includes(query);
  const save = async () => {
    if (editing !== null && editing.trim() && (await editSegment(index, editing.trim()))) setEditing(null);
  };
  return (
    <li ref={measure} data-index={index} className={`segment role-${seg.role}${active ? ' active' : ''}`} style={{ transform: `translateY(${top}px)` }} data-start={seg.start}>
      <button type="button" tabIndex={-1} className="seg-time linkish" onClick={() => seek(seg.start)} aria-label={`Play from ${clock(seg.start)}`}>{clock(seg.start)}</button>
      <span className={`seg-role role-${seg.role}`} title={info ? `${info.roleSource}, confidence ${Math.round(info.roleConfidence * 100)}%` : undefined}>
        {roleLabel(seg.role, info?.name ?? null)}
      </span>
      {editing !== null ? (
        <span className="seg-edit">
          <textarea value={editing} onChange={(e) => setEditing(e.target.value)} aria-label={`Correct segment at ${clock(seg.start)}`} rows={2} autoFocus
            onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); void save(); } if (e.key === 'Escape') setEditing(null); }} />
          <span className="seg-edit-actions">
            <button type="button" className="btn small primary" onClick={() => void save()}>Save</button>
            <button type="button" className="btn small" onClick={() => setEditing(null)}>Cancel</button>
            {edited ? <button type="button" className="btn small" onClick={() => setEditing(original)} title={original}>Restore original</button> : null}
          </span>
        </span>
      ) : (
        <span className="seg-text">
          {seg.words.length
            ? seg.words.map((w, i) => (
                <span key={i} role="button" tabIndex={i === cursor ? 0 : -1} className={`word${i === current ? ' now' : ''}${hit(w.text) ? ' hit' : ''}`} aria-label={`${w.text} at ${clock(w.start)}`}
                  data-start={w.start} data-word={i} onClick={() => seek(w.start)} onKeyDown={(e) => playKey(e, w.start)}>
                  {w.text}{' '}
                </span>
              ))
            : <span className={`word-less${hit(seg.text) ? ' hit' : ''}`} role="button" tabIndex={cursor === 0 ? 0 : -1} data-word={0} data-start={seg.start} onClick={() => seek(seg.start)} onKeyDown={(e) => playKey(e, seg.start)}>{seg.text}</span>}
          {edited ? <span className="edited-tag" title={`Provider said: ${original}`}>corrected</span> : null}
          <button type="button" tabIndex={-1} className="seg-edit-btn linkish small" onClick={() => setEditing(seg.text)} aria-label={`Edit segment at ${clock(seg.start)} (E)`}>Edit</button>
        </span>
      )}
    </li>
  );
});
