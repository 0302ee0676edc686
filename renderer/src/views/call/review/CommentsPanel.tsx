import { useChangeBlocked, useSession } from '../../../stores/session-store.js';
import { useState } from 'react';
import { useCall } from '../../../stores/call-store.js';
import { clock } from '../format.js';
import { usePlayer } from '../player-store.js';
import { dateTime } from '../../../../../preload/contract/time-format.js';

/**
 * Timestamped notes on the call. "At current time" pins the note to the player's position. A coaching
 * note is addressed to the call's agent: they are notified and see it on their call page — the only
 * comments an agent sees (and this panel is read-only for them).
 */
export function CommentsPanel() {
  const blocked = useChangeBlocked();
  const isAgent = useSession((s) => s.me?.role === 'agent');
  const teamMode = useSession((s) => s.me?.mode === 'users');
  const { review, addComment, deleteComment, busy } = useCall();
  const seek = usePlayer((s) => s.seek);
  const [text, setText] = useState('');
  const [pin, setPin] = useState(true);
  const [coaching, setCoaching] = useState(false);
  // The moment a comment is pinned to, shown live: before playing it would be 0:00, which is never meant.
  const now = usePlayer((s) => Math.floor(s.time));
  const comments = review?.comments ?? [];
  const submit = async () => {
    const at = pin && now > 0 ? Math.round(usePlayer.getState().time * 10) / 10 : null;
    if (text.trim() && (await addComment(text.trim(), at, coaching))) setText('');
  };
  if (isAgent && !comments.length) return null;
  return (
    <section className="card call-comments" aria-label={isAgent ? 'Coaching notes' : 'Comments'}>
      <header className="call-card-head"><h2>{isAgent ? 'Coaching notes' : 'Comments'}</h2><span className="muted small">{comments.length || 'none yet'}</span></header>
      {comments.length ? (
        <ul className="comment-list">
          {comments.map((c) => (
            <li key={c.id}>
              <div className="small muted">
                {c.atSec !== null ? <button type="button" className="chip-time linkish" onClick={() => seek(c.atSec ?? 0)} aria-label={`Play from ${clock(c.atSec)}`}>{clock(c.atSec)}</button> : null}
                {' '}{c.actor} · {dateTime(c.createdAt)}
                {c.coaching && !isAgent ? <span className="coaching-chip" title="Addressed to the call's agent: they see it">Coaching · to the agent</span> : null}
                {isAgent ? null : <button type="button" className="linkish small danger" aria-label={`Delete comment: ${c.text}`} disabled={!!blocked} title={blocked ?? undefined} onClick={() => void deleteComment(c.id)}>Delete</button>}
              </div>
              <p>{c.text}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {isAgent ? null : <form onSubmit={(e) => { e.preventDefault(); void submit(); }} className="comment-form">
        <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} aria-label="New comment" placeholder="Add a comment…" />
        <div className="comment-form-row">
          <label className="small" title={now > 0 ? undefined : 'Play or seek to a moment to pin the comment there'}>
            <input type="checkbox" checked={pin && now > 0} disabled={now === 0} onChange={(e) => setPin(e.target.checked)} /> {now > 0 ? `At ${clock(now)}` : 'At a moment (play first)'}
          </label>
          {teamMode ? (
            <label className="small" title="The call's agent sees a coaching note on their call page and is notified">
              <input type="checkbox" checked={coaching} onChange={(e) => setCoaching(e.target.checked)} /> Coaching note for the agent
            </label>
          ) : null}
          <button type="submit" className="btn small primary" disabled={busy || !text.trim() || !!blocked} title={blocked ?? undefined}>{coaching && teamMode ? 'Send to the agent' : 'Add comment'}</button>
        </div>
      </form>}
    </section>
  );
}
