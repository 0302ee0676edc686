import { useChangeBlocked } from '../../../stores/session-store.js';
import { useId, useRef, useState } from 'react';
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

/** The answer a key chooses on a focused question: y / n / a on a yes/no question, 1–5 / a on a scale. */
function keyAnswer(c: ScorecardCriterion, key: string): CriterionAnswer | null {
  const k = key.toLowerCase();
  if (k === 'a') return 'n/a';
  if (c.type === 'yes_no') return k === 'y' ? 'yes' : k === 'n' ? 'no' : null;
  return /^[1-5]$/.test(k) ? (k as CriterionAnswer) : null;
}

/** What the focused question's keys do, shown under it while it has the keyboard (and read as its description). */
const keysHint = (c: ScorecardCriterion, hasEvidence: boolean) =>
  [c.type === 'yes_no' ? 'Y / N / A: override with Yes / No / N/A and a comment' : '1–5 / A: override with that answer (A: N/A) and a comment',
    'O: override', hasEvidence ? 'Enter: play the evidence' : null, '↑ ↓: other questions'].filter(Boolean).join(' · ');

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
/**
 * Keyboard: the scorecard is one Tab stop (ScorecardPanel moves it between questions with the arrow
 * keys); `tabbable` says this question holds it. Its buttons and evidence chips are not Tab stops;
 * on the focused question y / n / a (1–5 on a scale) open the override with that answer chosen and
 * the comment box focused, o opens it on the answer, Enter plays the evidence (again: the next
 * piece), r reverts an override to the AI's answer, d disputes. Closing an editor gives the keyboard
 * back to the question.
 */
export function CriterionItem({ c, override, points, dispute, canDispute, onEvidence, tabbable }: {
  c: ScorecardCriterion; override: ReviewOverride | null; points: number | null | undefined;
  dispute: DisputeView | null; canDispute: boolean; onEvidence: (sec: number, play?: boolean) => void; tabbable: boolean;
}) {
  const blocked = useChangeBlocked();
  const { override: save, clearOverride, raiseDispute, busy } = useCall();
  // null: closed; otherwise the answer the editor opens on and whether an answer key chose it.
  const [editing, setEditing] = useState<{ answer: CriterionAnswer; chosen: boolean } | null>(null);
  const [disputing, setDisputing] = useState(false);
  const [played, setPlayed] = useState(-1);
  const item = useRef<HTMLLIElement>(null);
  const id = useId();
  const back = () => requestAnimationFrame(() => item.current?.focus());
  const close = () => {
    setEditing(null);
    back();
  };
  const shown = override?.answer ?? c.answer;
  const differs = override !== null && override.answer !== c.answer;
  const canDisputeNow = canDispute && dispute?.status !== 'open';
  const onKey = (e: React.KeyboardEvent<HTMLLIElement>) => {
    // Only the question itself: keys typed into its editors are theirs.
    if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey) return;
    const answer = keyAnswer(c, e.key);
    let act: (() => void) | null = null;
    if (answer) act = () => !blocked && setEditing({ answer, chosen: true });
    else if (e.key === 'o' || e.key === 'O') act = () => !blocked && setEditing({ answer: shown, chosen: false });
    else if (e.key === 'Enter' && c.evidence.length) {
      act = () => {
        const next = (played + 1) % c.evidence.length;
        setPlayed(next);
        onEvidence(c.evidence[next]!.start, true);
      };
    } else if ((e.key === 'd' || e.key === 'D') && canDisputeNow) act = () => setDisputing(true);
    else if ((e.key === 'r' || e.key === 'R') && override) act = () => {
      if (!blocked && !busy) void clearOverride(c.id);
    };
    if (!act) return;
    e.preventDefault();
    act();
  };
  return (
    // A question with its own keys (roving tabindex): focusable, named by its question, described by its answer and keys.
    <li ref={item} className={`criterion${differs ? ' overridden' : ''}`} data-criterion={c.id} aria-label={c.question}
      tabIndex={tabbable ? 0 : -1} aria-describedby={`${id}-answer ${id}-keys`} aria-keyshortcuts={c.type === 'yes_no' ? 'Y N A O Enter' : '1 2 3 4 5 A O Enter'} onKeyDown={onKey}>
      <div className="crit-head">
        <span className="crit-q">{c.question}</span>
        <span className="crit-answers" id={`${id}-answer`}>
          {differs ? <span className="answer ai-greyed" title="The AI's answer">AI: {answerLabel(c.answer)}</span> : null}
          {override ? <span className="sr-only">Reviewer:</span> : null}
          <span className={`answer ${verdict(shown)}`} data-testid="final-answer">{answerLabel(shown)}</span>
        </span>
      </div>
      <p className="crit-keys small muted" id={`${id}-keys`}>{keysHint(c, c.evidence.length > 0)}{override ? ' · R: revert to AI' : ''}{canDisputeNow ? ' · D: dispute' : ''}</p>
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
          <button type="button" tabIndex={-1} className="linkish small" aria-keyshortcuts="R" disabled={busy || !!blocked} title={blocked ?? 'Revert to AI (R)'} onClick={() => void clearOverride(c.id).then(back)}>Revert to AI</button>
        </p>
      ) : null}
      <div className="chips">
        {c.evidence.map((e, i) => <EvidenceChip key={`${e.start}-${e.quote}`} e={e} onPlay={(sec) => { setPlayed(i); onEvidence(sec); }} tabIndex={-1} current={i === played} />)}
        {!editing ? (
          <button type="button" tabIndex={-1} className="btn small ghost" aria-label={`Override: ${c.question}`} aria-keyshortcuts="O" disabled={!!blocked} title={blocked ?? 'Override (O; Y / N / A choose the answer)'} onClick={() => setEditing({ answer: shown, chosen: false })}>Override</button>
        ) : null}
        {canDisputeNow && !disputing ? (
          <button type="button" tabIndex={-1} className="btn small ghost" aria-label={`Dispute: ${c.question}`} aria-keyshortcuts="D" title="Disagree with this answer: a lead decides, and you are told (D)" onClick={() => setDisputing(true)}>Dispute</button>
        ) : null}
      </div>
      {disputing ? <DisputeForm question={c.question} busy={busy} onSend={(comment, at) => raiseDispute(c.id, comment, at)} onClose={() => { setDisputing(false); back(); }} /> : null}
      {editing ? (
        <OverrideForm label={`Override ${c.question}`} valueLabel="Reviewer answer" value={editing.answer} busy={busy} focus={editing.chosen ? 'comment' : 'value'}
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
