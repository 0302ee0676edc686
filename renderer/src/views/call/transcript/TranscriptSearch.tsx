import { useEffect, useState } from 'react';

/** Search within the call: matches counted, Enter / ↓ / ↑ step through them. */
export function TranscriptSearch({ query, onQuery, matches, onGo }: { query: string; onQuery: (q: string) => void; matches: number[]; onGo: (segment: number) => void }) {
  // The position belongs to one match list: a new query starts again at its first match.
  const [pos, setPos] = useState<{ of: number[]; i: number }>({ of: matches, i: 0 });
  const at = pos.of === matches ? pos.i : 0;
  useEffect(() => {
    if (matches.length) onGo(matches[0]!);
    // Scroll to the first match only when the match set changes, not when onGo's identity does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [matches]);
  const go = (d: number) => {
    if (!matches.length) return;
    const next = (at + d + matches.length) % matches.length;
    setPos({ of: matches, i: next });
    onGo(matches[next]!);
  };
  return (
    <div className="transcript-search">
      <input type="search" role="searchbox" aria-label="Search in this call" placeholder="Search in this call" value={query}
        onChange={(e) => onQuery(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === 'ArrowDown') { e.preventDefault(); go(e.shiftKey ? -1 : 1); } if (e.key === 'ArrowUp') { e.preventDefault(); go(-1); } }} />
      {query.trim() ? <span className="muted small" aria-live="polite">{matches.length ? `${at + 1} of ${matches.length}` : 'No match'}</span> : null}
      {matches.length > 1 ? (
        <>
          <button type="button" className="btn small" onClick={() => go(-1)} aria-label="Previous match">↑</button>
          <button type="button" className="btn small" onClick={() => go(1)} aria-label="Next match">↓</button>
        </>
      ) : null}
    </div>
  );
}
