import { useState } from 'react';
import type { AnalysisView } from '../../../../preload/contract/schemas/analysis.js';
import type { ReviewView } from '../../../../preload/contract/schemas/reviews.js';
import { outcomeLabel, outcomeSource } from '../../../../preload/contract/schemas/call-outcome.js';
import { SentimentTimeline } from './SentimentTimeline.js';
import { OutcomeBadge, OutcomeForm, OutcomeOverrideNote, OutcomeSource } from './OutcomeBadge.js';

/**
 * The model's summary of the call, with the app's checks on it (dropped quotes) shown plainly, and the
 * call's final outcome and reason (the reviewer's where overridden: `review.outcome`).
 */
export function SummaryPanel({ view, review, durationSec }: { view: AnalysisView; review: ReviewView | null; durationSec: number }) {
  const a = view.analysis;
  const outcome = review?.outcome ?? null;
  const [editing, setEditing] = useState(false);
  return (
    <section className="card call-summary" aria-label="Summary">
      <header className="call-card-head">
        <h2>Summary</h2>
        {outcome ? <OutcomeBadge outcome={outcome} /> : <span className={`outcome outcome-${a.outcome}`} title={outcomeSource}>{outcomeLabel(a.outcome)}</span>}
      </header>
      <p>{a.summary}</p>
      <dl className="facts small">
        <dt>Reason</dt><dd data-testid="call-reason">{outcome?.callReason ?? a.callReason}</dd>
        {outcome ? <><dt>Outcome from</dt><dd><OutcomeSource outcome={outcome} editing={editing} onEdit={() => setEditing(true)} /></dd></> : null}
        <dt>Customer sentiment</dt><dd>{a.sentiment.start} → {a.sentiment.end}</dd>
        {a.topics.length ? <><dt>Topics</dt><dd>{a.topics.join(', ')}</dd></> : null}
      </dl>
      {outcome ? <OutcomeOverrideNote outcome={outcome} /> : null}
      {outcome && editing ? <OutcomeForm outcome={outcome} onClose={() => setEditing(false)} /> : null}
      <SentimentTimeline a={a} durationSec={durationSec} />
      {a.coachingNotes.length ? (
        <>
          <h3>Coaching notes</h3>
          <ul className="small">{a.coachingNotes.map((n) => <li key={n}>{n}</li>)}</ul>
        </>
      ) : null}
      {a.flags.length ? (
        <details className="flags small">
          <summary>{a.flags.length} check{a.flags.length > 1 ? 's' : ''} by the app</summary>
          <ul>{a.flags.map((f, i) => <li key={i}>{f.message}</li>)}</ul>
        </details>
      ) : null}
    </section>
  );
}
