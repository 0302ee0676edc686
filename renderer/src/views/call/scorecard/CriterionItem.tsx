import { useChangeBlocked } from '../../../stores/session-store.js';
import { useRef, useState } from 'react';
import type { CriterionAnswer, ScorecardCriterion } from '../../../../../preload/contract/schemas/analysis.js';
import type { ReviewOverride } from '../../../../../preload/contract/schemas/reviews.js';
import type { DisputeView } from '../../../../../preload/contract/schemas/disputes.js';
import { DisputeForm } from './DisputeForm.js';
import { useCall } from '../../../stores/call-store.js';
import { answerLabel } from '../format.js';
import { EvidenceChip } from './EvidenceChip.js';
import { OverrideForm } from './OverrideForm.js';

function verdict(answer: string): 'good' | 'bad' | 'na' | 'mid' {
  if (answer === 'n/a') return 'na';
  if (answer === 'yes' || answer === '5' || answer === '4') return 'good';
  if (answer === 'no' || answer === '1' || answer === '2') return 'bad';
  return 'mid';
}

const choices = (c: ScorecardCriterion): CriterionAnswer[] => (c.type === 'yes_no' ? ['yes', 'no', 'n/a'] : ['1', '2', '3', '4', '5', 'n/a']);

/**
 * One criterion. Overridden: the reviewer's answer in colour, the AI's greyed and struck through
 * beside it, the reviewer's reason below. "Override" asks for an answer and a required comment.
 */
/**
 * `points`: this criterion's points with its final answer, from the final score the app computed (the
 * same function as the total), so an override changes the points and the total together.
 */
/**
 * `dispute`: the criterion's latest dispute (team QA); `canDispute`: the call is reviewed and this
 * user may contest its answers (its agent, or a reviewer).
 */
export function CriterionItem({ c, override, points, dispute, canDispute, onEvidence }: {
  c: ScorecardCriterion; override: ReviewOverride | null; points: number | null | undefined;
  dispute: DisputeView | null; canDispute: boolean; onEvidence: (sec: number) => void;
}) {
  const blocked = useChangeBlocked();
  const { override: save, clearOverride, raiseDispute, busy } = useCall();
  const [editing, setEditing] = useState(false);
  const [disputing, setDisputing] = useState(false);
  const overrideBtn = useRef<HTMLButtonElement>(null);
  // Closing the editor gives the keyboard back to the Override button.
  const close = () => {
    setEditing(false);
    requestAnimationFrame(() => overrideBtn.current?.focus());
  };
  const shown = override?.answer ?? c.answer;
  const differs = override !== null && override.answer !== c.answer;
  return (
    <li className={`criterion${differs ? ' overridden' : ''}`} data-criterion={c.id} aria-label={c.question}>
      <div className="crit-head">
        <span className="crit-q">{c.question}</span>
        <span className="crit-answers">
          {differs ? <span className="answer ai-greyed" title="The AI's answer">AI: {answerLabel(c.answer)}</span> : null}
          <span className={`answer ${verdict(shown)}`} data-testid="final-answer">{answerLabel(shown)}</span>
        </span>
      </div>
      <div className="crit-meta small muted">
        <span className={`source source-${c.source}`}>{c.source === 'rule' ? 'Rule' : 'AI'}</span>
        {override ? <span className="source source-reviewer">Reviewer</span> : null}
        <span data-testid="criterion-points">{(points === undefined ? c.score : points) ?? '—'} / {c.weight} pts</span>
        {c.autoFail ? <span className="autofail">auto-fail</span> : null}
        {dispute ? <DisputeChip d={dispute} /> : null}
        {c.support === 'unsupported' ? (
          <span className="support support-unsupported" title="The AI cited nothing in the call for this answer: check it before relying on it.">Unsupported</span>
        ) : c.support === 'absence_claim' ? (
          <span className="support support-absence" title="The AI says this did not happen. No quote can show an absence: listen to confirm.">Absence claim</span>
        ) : null}
      </div>
      <p className="crit-why">{c.rationale}</p>
      {c.notFound?.length ? (
        <div className="crit-issue small" role="note">
          <strong>Quoted text not in the call:</strong>
          <ul>{c.notFound.map((q) => <li key={q}>“{q}”</li>)}</ul>
        </div>
      ) : null}
      {c.speakerMismatches?.length ? (
        <div className="crit-issue small" role="note">
          {c.speakerMismatches.map((m) => (
            <p key={m.quote}>Quoted as the {m.claimed}'s, but only the {m.actual} says “{m.quote}”.</p>
          ))}
        </div>
      ) : null}
      {override ? (
        <p className="crit-override small">
          <strong>{override.actor}:</strong> {override.comment}{' '}
          <button type="button" className="linkish small" disabled={busy || !!blocked} title={blocked ?? undefined} onClick={() => void clearOverride(c.id)}>Revert to AI</button>
        </p>
      ) : null}
      <div className="chips">
        {c.evidence.map((e) => <EvidenceChip key={`${e.start}-${e.quote}`} e={e} onPlay={onEvidence} />)}
        {!editing ? (
          <button ref={overrideBtn} type="button" className="btn small ghost" aria-label={`Override: ${c.question}`} disabled={!!blocked} title={blocked ?? undefined} onClick={() => setEditing(true)}>Override</button>
        ) : null}
        {canDispute && !disputing && dispute?.status !== 'open' ? (
          <button type="button" className="btn small ghost" aria-label={`Dispute: ${c.question}`} title="Disagree with this answer: a lead decides, and you are told" onClick={() => setDisputing(true)}>Dispute</button>
        ) : null}
      </div>
      {disputing ? <DisputeForm question={c.question} busy={busy} onSend={(comment, at) => raiseDispute(c.id, comment, at)} onClose={() => setDisputing(false)} /> : null}
      {editing ? (
        <OverrideForm label={`Override ${c.question}`} valueLabel="Reviewer answer" value={shown} busy={busy}
          options={choices(c).map((a) => ({ value: a, label: answerLabel(a) }))}
          onSave={(answer, comment) => save(c.id, answer, comment)} onClose={close} />
      ) : null}
    </li>
  );
}

const disputeLabel = { open: 'Disputed', upheld: 'Dispute upheld', changed: 'Changed after dispute' } as const;

/** Where the criterion's latest dispute stands; the Disputes card below has the whole exchange. */
function DisputeChip({ d }: { d: DisputeView }) {
  const title = d.status === 'open' ? `${d.raisedBy}: ${d.comment}` : `${d.resolvedBy}: ${d.resolution}`;
  return <span className={`dispute-chip dispute-${d.status}`} title={title}>{disputeLabel[d.status]}</span>;
}
