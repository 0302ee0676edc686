import type { AnalysisView, ScorecardCriterion } from '../../../../preload/contract/schemas/analysis.js';
import { answerLabel, clock } from './format.js';

/**
 * The scorecard: total (computed by the app), then each criterion with its answer, points, where the
 * answer came from (AI or a local rule), the rationale, and evidence chips that jump to the moment.
 */
function verdict(c: ScorecardCriterion): 'good' | 'bad' | 'na' | 'mid' {
  if (c.answer === 'n/a') return 'na';
  if (c.answer === 'yes' || c.answer === '5' || c.answer === '4') return 'good';
  if (c.answer === 'no' || c.answer === '1' || c.answer === '2') return 'bad';
  return 'mid';
}

/** Colour bands for the total: a reviewer's eye goes to the red ones first. */
const band = (pct: number | null, failed: boolean) => (failed || (pct !== null && pct < 50) ? 'failed' : pct !== null && pct < 80 ? 'mid' : 'good');

export function ScorecardPanel({ view, onEvidence }: { view: AnalysisView; onEvidence: (sec: number) => void }) {
  const s = view.analysis.scorecard;
  const sections = [...new Set(s.criteria.map((c) => c.section))];
  return (
    <section className="card call-scorecard" aria-label="Scorecard">
      <header className="call-card-head">
        <h2>Scorecard</h2>
        <span className={`score-total ${band(s.scorePct, s.autoFailed)}`} data-testid="score-total">
          {s.scorePct === null ? 'N/A' : `${Math.round(s.scorePct)}%`}
        </span>
      </header>
      <p className="muted small">
        {s.rubricName} v{s.rubricVersion} · {s.earned} of {s.possible} points{s.autoFailed ? ` · auto-fail: ${s.autoFailedBy.join(', ')}` : ''}
        {view.cached ? ' · from cache' : ''}
      </p>
      {sections.map((section) => (
        <div key={section} className="sc-section">
          <h3>{section}</h3>
          <ul className="criteria">
            {s.criteria.filter((c) => c.section === section).map((c) => (
              <li key={c.id} className="criterion" data-criterion={c.id}>
                <div className="crit-head">
                  <span className="crit-q">{c.question}</span>
                  <span className={`answer ${verdict(c)}`}>{answerLabel(c.answer)}</span>
                </div>
                <div className="crit-meta small muted">
                  <span className={`source source-${c.source}`}>{c.source === 'rule' ? 'Rule' : 'AI'}</span>
                  <span>{c.score === null ? '—' : c.score} / {c.weight} pts</span>
                  {c.autoFail ? <span className="autofail">auto-fail</span> : null}
                </div>
                <p className="crit-why">{c.rationale}</p>
                {c.evidence.length ? (
                  <div className="chips">
                    {c.evidence.map((e) => (
                      <button key={`${e.start}-${e.quote}`} type="button" className="chip" title={`Jump to ${clock(e.start)}`} onClick={() => onEvidence(e.start)}>
                        <span className="chip-time">{clock(e.start)}</span> “{e.quote.length > 60 ? `${e.quote.slice(0, 57)}…` : e.quote}”
                      </button>
                    ))}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
