import type { TranscriptQualityView } from '../../../../../preload/contract/schemas/local-analytics.js';

/**
 * The transcript's quality in the scorecard's header, and, when it is below the threshold, why the
 * scorecard is low-confidence and what happens to the call (it waits for a person's review).
 */
export function QualityBadge({ q }: { q: TranscriptQualityView }) {
  return (
    <span className={`quality-badge${q.low ? ' low' : ''}`} data-testid="transcript-quality"
      title={q.reasons.length ? `Transcript quality ${q.score}/100: ${q.reasons.join('; ')}` : `Transcript quality ${q.score}/100: nothing lowered it`}>
      Transcript {q.score}/100
    </span>
  );
}

export function QualityBanner({ q, reviewed }: { q: TranscriptQualityView; reviewed: boolean }) {
  if (!q.low) return null;
  return (
    <div className="quality-banner small" role="status" data-testid="low-confidence">
      <strong>Low-confidence scorecard.</strong> The transcript scores {q.score}/100, below the threshold of {q.threshold}
      {reviewed ? '; a reviewer has checked this call.' : ': this call waits for your review before its score counts.'}
      {q.reasons.length ? <ul>{q.reasons.map((r) => <li key={r}>{r}</li>)}</ul> : null}
    </div>
  );
}
