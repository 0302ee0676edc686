import type { CallMatch } from '../../../../preload/contract/schemas/calls.js';
import { clock } from '../../../../preload/contract/time-format.js';

/**
 * A search hit under its row. The server sends plain-text parts; each renders as a text node (hits in
 * <mark>), so transcript text can never become markup.
 */
export function Snippet({ match }: { match: CallMatch }) {
  return (
    <div className="calls-snippet" role="cell" aria-label="Transcript match">
      {match.startSec !== null ? <span className="calls-snippet-time">{clock(match.startSec)}</span> : null}
      {match.role && match.role !== 'unknown' ? <span className="calls-snippet-role">{match.role === 'agent' ? 'Agent' : 'Customer'}</span> : null}
      <span className="calls-snippet-text">
        {match.snippet.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
      </span>
    </div>
  );
}
