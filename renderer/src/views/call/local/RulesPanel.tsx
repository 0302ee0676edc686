import type { RecordingLocalChecks } from '../../../../../preload/contract/schemas/local-analytics.js';
import { answerLabel, clock } from '../format.js';

/** Rule checks decided on this machine (no AI), each with its evidence moments. */
const criterionLabel = (id: string) => id.replace(/_/g, ' ').replace(/^\w/, (x) => x.toUpperCase());

export function RulesPanel({ checks, onSeek }: { checks: RecordingLocalChecks; onSeek: (sec: number) => void }) {
  const end = checks.sentiment?.customerEnd;
  return (
    <section className="card local-rules" aria-label="Rule checks">
      <header className="call-card-head">
        <h2>Rule checks</h2>
        <span className="muted small">{checks.status === 'ready' ? 'source: rule' : checks.status === 'no_transcript' ? 'needs a transcript' : 'checking…'}</span>
      </header>
      <ul className="criteria" data-testid="rule-results">
        {checks.rules.map((r) => (
          <li key={r.criterionId} className="criterion" data-criterion={r.criterionId}>
            <div className="crit-head">
              <span className="crit-q">{criterionLabel(r.criterionId)}</span>
              <span className={`answer ${r.answer === 'n/a' ? 'na' : r.passed ? 'good' : 'bad'}`}>{answerLabel(r.answer)}</span>
            </div>
            <p className="crit-why small">{r.rationale}</p>
            {r.evidence.length ? (
              <div className="chips">
                {r.evidence.map((e, i) => (
                  <button key={i} type="button" className="chip" onClick={() => onSeek(e.start)}>
                    <span className="chip-time">{clock(e.start)}</span>“{e.quote}”
                  </button>
                ))}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {end ? <p className="small muted">Customer mood at the end (lexicon): <strong className={`mood-${end.label}`}>{end.label}</strong></p> : null}
    </section>
  );
}
