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

  // Roving tabindex: the whole transcript is one Tab stop (the cursor word); arrows move inside it.
  const [cursor, setCursor] = useState({ seg: 0, word: 0, n: 0 });
  const [editRequest, setEditRequest] = useState<{ seg: number; n: number }>({ seg: -1, n: 0 });
  const wordsOf = (i: number) => Math.max(1, t.segments[i]?.words.length ?? 1);
  useEffect(() => {
    if (cursor.n === 0) return;
    rows.scrollToIndex(cursor.seg, { align: 'auto' });
    // The row may have just been rendered by the scroll: focus on the next frame.
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${cursor.seg}"] [data-word="${cursor.word}"]`)?.focus());
  }, [cursor, rows]);
  const onKeys = (e: React.KeyboardEvent) => {
    if (e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement) return;
    const last = t.segments.length - 1;
    const move = (seg: number, word: number) => {
      e.preventDefault();
      const sIdx = Math.max(0, Math.min(last, seg));
      setCursor((c) => ({ seg: sIdx, word: Math.max(0, Math.min(wordsOf(sIdx) - 1, word)), n: c.n + 1 }));
    };
    const { seg, word } = cursor;
    if (e.key === 'ArrowRight') move(word + 1 < wordsOf(seg) ? seg : seg + 1, word + 1 < wordsOf(seg) ? word + 1 : 0);
    else if (e.key === 'ArrowLeft') move(word > 0 ? seg : seg - 1, word > 0 ? word - 1 : wordsOf(seg - 1) - 1);
    else if (e.key === 'ArrowDown') move(seg + 1, 0);
    else if (e.key === 'ArrowUp') move(seg - 1, 0);
    else if (e.key === 'Home') move(0, 0);
    else if (e.key === 'End') move(last, 0);
    else if (e.key === 'PageDown') move(seg + 5, 0);
    else if (e.key === 'PageUp') move(seg - 5, 0);
    else if (e.key === 'e' || e.key === 'E') {
      e.preventDefault();
      setEditRequest((r) => ({ seg, n: r.n + 1 }));
    }
  };
  // Tabbing in lands on the playing segment when there is one.
  const onFocusIn = (e: React.FocusEvent) => {
    if (e.target === e.currentTarget || !(e.target instanceof HTMLElement) || e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
    const seg = Number(e.target.closest('[data-index]')?.getAttribute('data-index') ?? cursor.seg);
    const word = Number(e.target.getAttribute('data-word') ?? 0);
    if (seg !== cursor.seg || word !== cursor.word) setCursor((c) => ({ seg, word, n: c.n }));
  };

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
      <div ref={scrollRef} className="transcript-scroll" onWheel={() => playing && setFollow(false)} data-testid="transcript-scroll"
        role="group" aria-label="Transcript words: arrow keys move, Enter plays from the word, E edits the line" onKeyDown={onKeys} onFocus={onFocusIn}>
        <ol className="segments" style={{ height: rows.getTotalSize() }}>
          {rows.getVirtualItems().map((v, _i, items) => {
            // The Tab stop must exist in the DOM: when the cursor's row is scrolled away, the first row shown holds it.
            const tabSeg = items.some((x) => x.index === cursor.seg) ? cursor.seg : items[0]!.index;
            const s = t.segments[v.index]!;
            return (
              <SegmentRow key={v.key} index={v.index} seg={s} info={speaker(s.speaker)} active={v.index === active} edited={editedSet.has(v.index)}
                original={view.transcript.segments[v.index]!.text} query={q} measure={rows.measureElement} top={v.start}
                cursor={v.index === tabSeg ? (tabSeg === cursor.seg ? cursor.word : 0) : -1} editRequest={editRequest.seg === v.index ? editRequest.n : 0} />
            );
          })}
        </ol>
      </div>
    </section>
  );
}
