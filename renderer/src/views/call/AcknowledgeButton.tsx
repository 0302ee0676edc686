import { useCall } from '../../stores/call-store.js';
import { date } from '../../../../preload/contract/time-format.js';

/**
 * An agent's side of a reviewed call: acknowledge the scorecard (once), then see when they did. Leads
 * follow up on the calls not acknowledged yet (My reviews → Team).
 */
export function AcknowledgeButton() {
  const c = useCall();
  const review = c.review;
  if (!review?.reviewed) return <span className="muted small">Not reviewed yet</span>;
  if (review.acknowledgement) {
    const a = review.acknowledgement;
    return <span className="small" role="status">Acknowledged {date(a.at)}{a.scorePct !== null ? ` at ${Math.round(a.scorePct)}%` : ''}</span>;
  }
  return (
    <button type="button" className="btn primary" disabled={c.busy} onClick={() => void c.acknowledge()}
      title="Say you have seen this reviewed scorecard (your lead sees it)">
      Acknowledge scorecard
    </button>
  );
}
