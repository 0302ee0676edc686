import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TranscriptView } from '../../../../../preload/contract/operations/transcripts.js';
import { applyTranscriptEdits, type TranscriptEdit } from '../../../../../preload/contract/schemas/reviews.js';
import { usePlayer } from '../player-store.js';
import { SegmentRow } from './SegmentRow.js';
import { SpeakersBar } from './SpeakersBar.js';
import { TranscriptSearch } from './TranscriptSearch.js';

/** Index of the segment playing at `t` (binary search over starts; segments are in time order). */
export function segmentAt(starts: number[], t: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/**
 * The diarized transcript beside the player: virtualized (an hour is ~700 segments and ~10,000 words;
 * only the rows on screen exist in the DOM), reviewer corrections applied over the provider's text,
 * the word being played highlighted, every word a button that seeks the audio, search within the call.
 * While playing it follows the audio unless the reviewer scrolled away ("Follow" brings it back).
 */
export function TranscriptPanel({ view, edits, focusSec }: { view: TranscriptView; edits: TranscriptEdit[]; focusSec: { sec: number; n: number } | null }) {
  const t = useMemo(() => applyTranscriptEdits(view.transcript, edits), [view, edits]);
  const editedSet = useMemo(() => new Set(edits.filter((e) => view.transcript.segments[e.segmentIndex]?.text === e.originalText).map((e) => e.segmentIndex)), [edits, view]);
  const starts = useMemo(() => t.segments.map((s) => s.start), [t]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const [follow, setFollow] = useState(true);
  const rows = useVirtualizer({ count: t.segments.length, getScrollElement: () => scrollRef.current, estimateSize: () => 64, overscan: 6 });
  const active = usePlayer((s) => segmentAt(starts, s.time));
  const playing = usePlayer((s) => s.playing);

  useEffect(() => {
    if (follow && playing && active >= 0) rows.scrollToIndex(active, { align: 'center' });
  }, [active, follow, playing, rows]);
  // An evidence chip or comment asked for a moment: bring its segment into view.
  useEffect(() => {
    if (!focusSec) return;
    const i = segmentAt(starts, focusSec.sec + 0.01);
    if (i >= 0) rows.scrollToIndex(i, { align: 'center' });
  }, [focusSec, starts, rows]);

  const q = query.trim().toLowerCase();
  const matches = useMemo(() => (q ? t.segments.flatMap((s, i) => (s.text.toLowerCase().includes(q) ? [i] : [])) : []), [q, t]);
  const speaker = (id: string) => t.speakers.find((s) => s.id === id) ?? null;

  return (
    <section className="card call-transcript" aria-label="Transcript">
      <header className="call-card-head">
        <h2>Transcript</h2>
        <span className="muted small">
          {view.provider} · {view.model} · {t.segments.length} segments{editedSet.size ? ` · ${editedSet.size} corrected` : ''}{view.costUsd !== null ? ` · $${view.costUsd.toFixed(4)}` : ''}
        </span>
      </header>
      <div className="transcript-tools">
        <TranscriptSearch query={query} onQuery={setQuery} matches={matches} onGo={(i) => { setFollow(false); rows.scrollToIndex(i, { align: 'center' }); }} />
        <button type="button" className={`btn small${follow ? ' on' : ''}`} aria-pressed={follow} onClick={() => setFollow(!follow)} title="Keep the playing words in view">Follow</button>
      </div>
      <SpeakersBar speakers={t.speakers} />
      <div ref={scrollRef} className="transcript-scroll" onWheel={() => playing && setFollow(false)} data-testid="transcript-scroll">
        <ol className="segments" style={{ height: rows.getTotalSize() }}>
          {rows.getVirtualItems().map((v) => {
            const s = t.segments[v.index]!;
            return (
              <SegmentRow key={v.key} index={v.index} seg={s} info={speaker(s.speaker)} active={v.index === active} edited={editedSet.has(v.index)}
                original={view.transcript.segments[v.index]!.text} query={q} measure={rows.measureElement} top={v.start} />
            );
          })}
        </ol>
      </div>
    </section>
  );
}
