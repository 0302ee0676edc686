import type { AnalysisView } from '../../../../preload/contract/schemas/analysis.js';
import { SentimentTimeline } from './SentimentTimeline.js';

/** The model's summary of the call, with the app's checks on it (dropped quotes) shown plainly. */
export function SummaryPanel({ view, durationSec }: { view: AnalysisView; durationSec: number }) {
  const a = view.analysis;
  return (
    <section className="card call-summary" aria-label="Summary">
      <header className="call-card-head">
        <h2>Summary</h2>
        <span className={`outcome outcome-${a.outcome}`}>{a.outcome}</span>
      </header>
      <p>{a.summary}</p>
      <dl className="facts small">
        <dt>Reason</dt><dd>{a.callReason}</dd>
        <dt>Customer sentiment</dt><dd>{a.sentiment.start} → {a.sentiment.end}</dd>
        {a.topics.length ? <><dt>Topics</dt><dd>{a.topics.join(', ')}</dd></> : null}
      </dl>
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
