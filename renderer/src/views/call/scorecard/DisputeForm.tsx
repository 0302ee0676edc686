import { useState } from 'react';
import { clock } from '../format.js';
import { usePlayer } from '../player-store.js';

/**
 * Dispute one criterion: what the raiser disagrees with (required) and, when the player has been
 * used, the moment of the call it is about. Esc cancels, Ctrl/⌘+Enter sends.
 */
export function DisputeForm({ question, busy, onSend, onClose }: {
  question: string;
  busy: boolean;
  onSend: (comment: string, atSec: number | null) => Promise<boolean>;
  onClose: () => void;
}) {
  const [comment, setComment] = useState('');
  const [pin, setPin] = useState(true);
  const now = usePlayer((s) => Math.floor(s.time));
  const submit = async () => {
    const at = pin && now > 0 ? Math.round(usePlayer.getState().time * 10) / 10 : null;
    if (comment.trim() && (await onSend(comment.trim(), at))) onClose();
  };
  return (
    <form className="override-form dispute-form" aria-label={`Dispute ${question}`} onSubmit={(e) => { e.preventDefault(); void submit(); }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') { e.preventDefault(); onClose(); }
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void submit(); }
      }}>
      <textarea value={comment} rows={2} required autoFocus aria-label="What do you disagree with? (required)"
        placeholder="What do you disagree with, and why? A lead decides." onChange={(e) => setComment(e.target.value)} />
      <span className="override-actions">
        <label className="small" title={now > 0 ? undefined : 'Play or seek to the moment you mean to point at it'}>
          <input type="checkbox" checked={pin && now > 0} disabled={now === 0} onChange={(e) => setPin(e.target.checked)} /> {now > 0 ? `At ${clock(now)}` : 'At a moment (play first)'}
        </label>
        <button type="submit" className="btn small primary" disabled={busy || !comment.trim()}>Send dispute</button>
        <button type="button" className="btn small" onClick={onClose}>Cancel</button>
      </span>
    </form>
  );
}
