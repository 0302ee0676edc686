import { useState } from 'react';
import type { CriterionAnswer, ScorecardCriterion } from '../../../../../preload/contract/schemas/analysis.js';
import type { DisputeView } from '../../../../../preload/contract/schemas/disputes.js';
import { useCall } from '../../../stores/call-store.js';
import { can, useSession } from '../../../stores/session-store.js';
import { answerLabel, clock } from '../format.js';
import { dateTime } from '../../../../../preload/contract/time-format.js';

const statusLabel = { open: 'Open', upheld: 'Upheld', changed: 'Changed' } as const;
const choices = (c: ScorecardCriterion | undefined): CriterionAnswer[] => (c?.type === 'scale_1_5' ? ['1', '2', '3', '4', '5', 'n/a'] : ['yes', 'no', 'n/a']);

/**
 * The call's disputes (team QA): who contested which answer, at which moment, and how the lead
 * decided. A lead resolves an open one here: the answer stands (upheld), or it changes — stored as an
 * override, so the points and the total follow at once.
 */
export function DisputesPanel({ onSeek }: { onSeek: (sec: number) => void }) {
  const { review, analysis } = useCall();
  const lead = can(useSession((s) => s.me), 'lead');
  const disputes = review?.disputes ?? [];
  if (!disputes.length) return null;
  const criteria = new Map((analysis?.analysis.scorecard.criteria ?? []).map((c) => [c.id, c]));
  return (
    <section className="card call-disputes" aria-label="Disputes">
      <header className="call-card-head"><h2>Disputes</h2><span className="muted small">{disputes.filter((d) => d.status === 'open').length} open</span></header>
      <ul className="comment-list">
        {disputes.map((d) => (
          <li key={d.id} data-dispute={d.id}>
            <div className="small muted">
              <span className={`dispute-chip dispute-${d.status}`}>{statusLabel[d.status]}</span>{' '}
              <strong>{d.question}</strong> · answer {answerLabel(d.answer)}
              {d.atSec !== null ? <> · <button type="button" className="chip-time linkish" onClick={() => onSeek(d.atSec ?? 0)} aria-label={`Play from ${clock(d.atSec)}`}>{clock(d.atSec)}</button></> : null}
            </div>
            <p><span className="muted small">{d.raisedBy} ({d.raisedRole}), {dateTime(d.raisedAt)}:</span> {d.comment}</p>
            {d.status !== 'open' ? (
              <p className="dispute-resolution">
                <span className="muted small">{d.resolvedBy}, {d.resolvedAt ? dateTime(d.resolvedAt) : ''}:</span>{' '}
                {d.status === 'changed' ? <>changed to <strong>{answerLabel(d.newAnswer ?? '')}</strong> — </> : <>the answer stands — </>}{d.resolution}
              </p>
            ) : lead ? <ResolveForm d={d} criterion={criteria.get(d.criterionId)} /> : <p className="muted small">Waiting for a lead.</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ResolveForm({ d, criterion }: { d: DisputeView; criterion: ScorecardCriterion | undefined }) {
  const { resolveDispute, busy } = useCall();
  const options = choices(criterion).filter((a) => a !== d.answer);
  const [form, setForm] = useState<{ outcome: 'upheld' | 'changed'; answer: CriterionAnswer; comment: string }>({ outcome: 'upheld', answer: options[0]!, comment: '' });
  const submit = async () => {
    if (form.comment.trim()) await resolveDispute(d.id, form.outcome, form.outcome === 'changed' ? form.answer : undefined, form.comment.trim());
  };
  return (
    <form className="override-form" aria-label={`Resolve dispute: ${d.question}`} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <fieldset className="dispute-outcome">
        <legend className="small">Decision</legend>
        <label className="small"><input type="radio" name={`outcome-${d.id}`} checked={form.outcome === 'upheld'} onChange={() => setForm({ ...form, outcome: 'upheld' })} /> Uphold: {answerLabel(d.answer)} stands</label>
        <label className="small"><input type="radio" name={`outcome-${d.id}`} checked={form.outcome === 'changed'} onChange={() => setForm({ ...form, outcome: 'changed' })} /> Change to</label>
        <select value={form.answer} aria-label="New answer" disabled={form.outcome !== 'changed'} onChange={(e) => setForm({ ...form, outcome: 'changed', answer: e.target.value as CriterionAnswer })}>
          {options.map((a) => <option key={a} value={a}>{answerLabel(a)}</option>)}
        </select>
      </fieldset>
      <textarea value={form.comment} rows={2} required aria-label="Why (required)" placeholder="Why? (required; the agent and the reviewer read it)" onChange={(e) => setForm({ ...form, comment: e.target.value })} />
      <span className="override-actions">
        <button type="submit" className="btn small primary" disabled={busy || !form.comment.trim()}>Resolve dispute</button>
      </span>
    </form>
  );
}
