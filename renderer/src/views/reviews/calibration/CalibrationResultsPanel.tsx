import type { Agreement, CalibrationAnswerValue, CalibrationResults, CriterionResult } from '../../../../../preload/contract/schemas/calibrations.js';
import { useCalibration } from '../../../stores/calibration-store.js';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);
const alpha = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const label = (v: CalibrationAnswerValue | null) => (v === null ? '—' : v === 'yes' ? 'Yes' : v === 'no' ? 'No' : v === 'n/a' ? 'N/A' : v);
/** Where a criterion is reworded: Settings → Rubrics, that rubric, that criterion (RubricsEditor reads it). */
export const rubricEditorHref = (rubricId: number, criterionId: string) => `#/settings?rubric=${rubricId}&criterion=${encodeURIComponent(criterionId)}`;

/**
 * The results: ambiguous criteria first (with the way to reword them), each reviewer against the
 * lead's consensus, then per criterion the answers side by side with the AI's and the agreement
 * figures. The lead sets the consensus here.
 */
export function CalibrationResultsPanel() {
  const { results, detail } = useCalibration();
  if (!results || !detail) return <div className="skeleton small-skeleton" aria-busy="true" />;
  const s = results.session;
  const ambiguous = results.criteria.filter((k) => k.ambiguous);
  return (
    <>
      <section className="card cal-summary" aria-label="Summary">
        <div className="cal-tiles">
          <div><span className="k">Reviewers submitted</span><b>{results.reviewers.length} of {s.participants.length}</b></div>
          <div><span className="k">Criteria</span><b>{results.criteria.length}</b></div>
          <div><span className="k">Ambiguous (alpha &lt; {results.threshold})</span><b className={ambiguous.length ? 'bad' : 'ok'}>{ambiguous.length}</b></div>
          <div><span className="k">Status</span><b>{s.status === 'open' ? 'Open' : 'Closed'}</b></div>
        </div>
        <div className="cal-exports">
          <a className="btn small" href={`/api/v1/calibrations/${s.id}/results.csv`} download>Export CSV</a>
          <a className="btn small" href={`/api/v1/calibrations/${s.id}/results.pdf`} download>Export PDF</a>
          {s.me.lead && s.status === 'open' ? <CloseButton /> : null}
        </div>
      </section>
      {ambiguous.length ? (
        <section className="card cal-ambiguous" aria-label="Ambiguous criteria">
          <h3>Criteria to reword</h3>
          <p className="muted small">The reviewers read these differently: Krippendorff's alpha among them is below {results.threshold}, the least agreement that supports even tentative conclusions.</p>
          <ul>
            {ambiguous.map((k) => (
              <li key={k.criterionId}>
                <span>{k.question}</span>
                <span className="muted small">α {alpha(k.amongReviewers.alpha)} · {pct(k.amongReviewers.percent)} agree</span>
                {s.me.lead ? <a className="linkish small" href={rubricEditorHref(s.rubricId, k.criterionId)}>Reword in the rubric editor →</a> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card cal-reviewers" aria-label="Reviewers">
        <h3>Reviewers against the consensus</h3>
        <table className="users-table reviews-table">
          <thead><tr><th scope="col">Reviewer</th><th scope="col" className="num">Matches the consensus</th></tr></thead>
          <tbody>
            {results.reviewers.map((r) => (
              <tr key={r.userId}><td>{r.name}</td><td className="num">{r.compared ? `${pct(r.matchesConsensus)} of ${r.compared}` : <span className="muted">no consensus set yet</span>}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
      {results.criteria.map((k) => <CriterionCard key={k.criterionId} k={k} results={results} lead={s.me.lead} />)}
    </>
  );
}

function Figure({ name, a }: { name: string; a: Agreement }) {
  // Alpha is undefined when nothing was compared, or every answer was the same (no variation to measure).
  const why = a.alpha !== null ? undefined : a.pairs ? 'alpha is undefined: every answer was the same' : 'alpha is undefined: no two answers to compare';
  return <span className="cal-figure" title={why}><span className="k">{name}</span> {pct(a.percent)} · α {alpha(a.alpha)}</span>;
}

function CriterionCard({ k, results, lead }: { k: CriterionResult; results: CalibrationResults; lead: boolean }) {
  const setConsensus = useCalibration((s) => s.setConsensus);
  const names = new Map(results.callList.map((c) => [c.recordingId, c.fileName]));
  const choices: CalibrationAnswerValue[] = k.type === 'scale_1_5' ? ['1', '2', '3', '4', '5', 'n/a'] : ['yes', 'no', 'n/a'];
  return (
    <section className={`card cal-criterion${k.ambiguous ? ' ambiguous' : ''}`} aria-label={k.question}>
      <header>
        <div><span className="muted small">{k.section} · {k.type === 'scale_1_5' ? '1–5, ordinal' : 'yes/no, nominal'}</span><h3>{k.question}</h3></div>
        {k.ambiguous ? <span className="status-chip overdue">Ambiguous</span> : null}
      </header>
      <div className="cal-figures">
        <Figure name="Reviewers" a={k.amongReviewers} />
        <Figure name="With the AI" a={k.withAi} />
        <span className="cal-figure"><span className="k">Match the AI</span> {pct(k.reviewersMatchAi)}</span>
      </div>
      <table className="users-table cal-answers">
        <thead>
          <tr><th scope="col">Call</th>{results.reviewers.map((r) => <th key={r.userId} scope="col">{r.name}</th>)}<th scope="col">AI</th><th scope="col">Consensus</th></tr>
        </thead>
        <tbody>
          {k.calls.map((c) => (
            <tr key={c.recordingId}>
              <td className="small"><a href={`#/calls/${c.recordingId}`}>{names.get(c.recordingId)}</a></td>
              {c.answers.map((a, i) => <td key={i} className={c.consensus !== null && a !== null && a !== c.consensus ? 'off' : ''}>{label(a)}</td>)}
              <td className="ai">{label(c.ai)}</td>
              <td>
                {lead ? (
                  <select aria-label={`Consensus for ${names.get(c.recordingId)}`} value={c.consensus ?? ''} onChange={(e) => void setConsensus(c.recordingId, k.criterionId, (e.target.value || null) as CalibrationAnswerValue | null)}>
                    <option value="">—</option>
                    {choices.map((v) => <option key={v} value={v}>{label(v)}</option>)}
                  </select>
                ) : <b>{label(c.consensus)}</b>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CloseButton() {
  const close = useCalibration((s) => s.close);
  return <button type="button" className="btn small" onClick={() => void close()}>Close session</button>;
}
