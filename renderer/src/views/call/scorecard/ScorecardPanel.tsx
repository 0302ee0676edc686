import { useState } from 'react';
import { scoreText, type AnalysisView } from '../../../../../preload/contract/schemas/analysis.js';
import type { ReviewView } from '../../../../../preload/contract/schemas/reviews.js';
import type { DisputeView } from '../../../../../preload/contract/schemas/disputes.js';
import { useLocalAnalytics } from '../local/local-store.js';
import { CriterionItem } from './CriterionItem.js';
import { QualityBadge, QualityBanner } from './QualityBanner.js';
import { scoreBand } from '../../../../../preload/contract/score-band.js';

const pct = (v: number | null) => (v === null ? 'N/A' : scoreText(v));

/** The question to move the keyboard to from `from` for a key, or null when the key is not a move. */
function moveTo(key: string, from: number, count: number): number | null {
  const to = key === 'ArrowDown' || key === 'j' ? from + 1 : key === 'ArrowUp' || key === 'k' ? from - 1
    : key === 'Home' ? 0 : key === 'End' ? count - 1 : null;
  return to === null ? null : Math.max(0, Math.min(count - 1, to));
}

/**
 * The scorecard: the final score (the app's scoring with the reviewer's overrides; the AI's total
 * beside it when they differ), then each criterion with its answer, source, rationale, evidence chips
 * that seek the audio, and the override control. For the keyboard the questions are one Tab stop
 * (roving tabindex: the last question focused holds it, the first at the start); ↑/↓ (j/k) and
 * Home/End move between them, across sections; each question's own keys are in CriterionItem.
 */
export function ScorecardPanel({ view, review, onEvidence }: { view: AnalysisView; review: ReviewView | null; onEvidence: (sec: number, play?: boolean) => void }) {
  const s = view.analysis.scorecard;
  const [current, setCurrent] = useState<string | null>(null);
  const tabStop = s.criteria.some((c) => c.id === current) ? current : (s.criteria[0]?.id ?? null);
  const onKeys = (e: React.KeyboardEvent<HTMLElement>) => {
    const t = e.target as HTMLElement;
    if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || !t.matches('li.criterion')) return;
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>('li.criterion')];
    const to = moveTo(e.key, items.indexOf(t), items.length);
    if (to === null) return;
    e.preventDefault();
    items[to]!.focus();
  };
  // Focus anywhere in a question (a click on its Override, say) moves the Tab stop there.
  const onFocus = (e: React.FocusEvent<HTMLElement>) => {
    const id = e.target.closest('li.criterion')?.getAttribute('data-criterion');
    if (id && id !== current) setCurrent(id);
  };
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
    // Arrow keys on its questions (the questions themselves are focusable, see CriterionItem).
    <section className="card call-scorecard" aria-label="Scorecard" onKeyDown={onKeys} onFocus={onFocus}>
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
                dispute={disputes.get(c.id) ?? null} canDispute={canDispute} onEvidence={onEvidence} tabbable={c.id === tabStop} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
