import { scoreText, type AnalysisView } from '../../../../../preload/contract/schemas/analysis.js';
import type { ReviewView } from '../../../../../preload/contract/schemas/reviews.js';
import type { DisputeView } from '../../../../../preload/contract/schemas/disputes.js';
import { useLocalAnalytics } from '../local/local-store.js';
import { CriterionItem } from './CriterionItem.js';
import { QualityBadge, QualityBanner } from './QualityBanner.js';
import { scoreBand } from '../../../../../preload/contract/score-band.js';

const pct = (v: number | null) => (v === null ? 'N/A' : scoreText(v));

/**
 * The scorecard: the final score (the app's scoring with the reviewer's overrides; the AI's total
 * beside it when they differ), then each criterion with its answer, source, rationale, evidence chips
 * that seek the audio, and the override control.
 */
export function ScorecardPanel({ view, review, onEvidence }: { view: AnalysisView; review: ReviewView | null; onEvidence: (sec: number) => void }) {
  const s = view.analysis.scorecard;
  const final = review?.finalScore ?? null;
  const score = final ? final.scorePct : s.scorePct;
  const failed = final ? final.autoFailed : s.autoFailed;
  const overrides = new Map((review?.overrides ?? []).map((o) => [o.criterionId, o]));
  // The latest dispute of each criterion (the list comes open first, then newest).
  const disputes = new Map<string, DisputeView>();
  for (const d of review?.disputes ?? []) if (!disputes.has(d.criterionId)) disputes.set(d.criterionId, d);
  const canDispute = review?.reviewed ?? false;
  const sections = [...new Set(s.criteria.map((c) => c.section))];
  const quality = useLocalAnalytics((l) => l.metrics?.transcriptQuality ?? null);
  const unsupported = s.criteria.filter((c) => c.support === 'unsupported').length;
  return (
    <section className="card call-scorecard" aria-label="Scorecard">
      <header className="call-card-head">
        <h2>Scorecard</h2>
        <span className="score-wrap">
          {quality ? <QualityBadge q={quality} /> : null}
          {final && final.overridden > 0 ? <span className="muted small ai-total" title="The AI's score before your overrides">AI {pct(s.scorePct)}</span> : null}
          <span className={`score-total ${scoreBand(score, failed)}`} data-testid="score-total" aria-label={`Final score ${pct(score)}`}>{pct(score)}</span>
        </span>
      </header>
      <p className="muted small">
        {s.rubricName} v{s.rubricVersion} · {final ? final.earned : s.earned} of {final ? final.possible : s.possible} points
        {failed ? ` · auto-fail: ${(final ? final.autoFailedBy : s.autoFailedBy).map((id) => s.criteria.find((c) => c.id === id)?.question ?? id).join(', ')}` : ''}
        {final && final.overridden > 0 ? ` · ${final.overridden} overridden by a reviewer` : ''}
        {view.cached ? ' · from cache' : ''}
        {unsupported ? ` · ${unsupported} AI answer${unsupported === 1 ? '' : 's'} without evidence` : ''}
      </p>
      {quality ? <QualityBanner q={quality} reviewed={review?.reviewed ?? false} /> : null}
      {sections.map((section) => (
        <div key={section} className="sc-section">
          <h3>{section}</h3>
          <ul className="criteria">
            {s.criteria.filter((c) => c.section === section).map((c) => (
              <CriterionItem key={c.id} c={c} override={overrides.get(c.id) ?? null} points={final?.points[c.id]}
                dispute={disputes.get(c.id) ?? null} canDispute={canDispute} onEvidence={onEvidence} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
