import { useState } from 'react';
import { callOutcomes } from '../../../../preload/contract/schemas/calls.js';
import { outcomeLabel, outcomeLabels, outcomeSource } from '../../../../preload/contract/schemas/call-outcome.js';
import type { Outcome } from '../../../../preload/contract/schemas/analysis.js';
import type { ReviewView } from '../../../../preload/contract/schemas/reviews.js';
import { useChangeBlocked } from '../../stores/session-store.js';
import { useCall } from '../../stores/call-store.js';
import { OverrideForm } from './scorecard/OverrideForm.js';

/**
 * The call's outcome and reason as the Summary shows them: the final values (the reviewer's where
 * they overrode, with the AI's beside), what the outcome is read from, and the override editor —
 * an override like any answer, so the Calls list, Dashboard and exports follow.
 */
export function OutcomeBadge({ outcome }: { outcome: NonNullable<ReviewView['outcome']> }) {
  const differs = outcome.outcome !== outcome.aiOutcome;
  return (
    <span className="outcome-badge">
      {differs ? <span className="answer ai-greyed" title="The AI's outcome">AI: {outcomeLabel(outcome.aiOutcome)}</span> : null}
      <span className={`outcome outcome-${outcome.outcome}`} data-testid="call-outcome" title={outcomeSource}>{outcomeLabel(outcome.outcome)}</span>
    </span>
  );
}

/** Where the outcome comes from, in words, with the button that overrides it. */
export function OutcomeSource({ outcome, editing, onEdit }: { outcome: NonNullable<ReviewView['outcome']>; editing: boolean; onEdit: () => void }) {
  const blocked = useChangeBlocked();
  return (
    <>
      {outcome.override ? `${outcome.override.actor}'s override of the AI's reading` : 'The AI’s reading of the whole call, not the scorecard’s answers'}
      {!editing ? (
        <> <button type="button" className="linkish small" aria-label="Override the outcome" disabled={!!blocked} title={blocked ?? undefined} onClick={onEdit}>{outcome.override ? 'Change' : 'Override'}</button></>
      ) : null}
    </>
  );
}

export function OutcomeForm({ outcome, onClose }: { outcome: NonNullable<ReviewView['outcome']>; onClose: () => void }) {
  const { overrideOutcome, busy } = useCall();
  const [reason, setReason] = useState(outcome.callReason);
  return (
    <OverrideForm<Outcome> label="Override the outcome" valueLabel="Reviewer outcome" value={outcome.outcome} busy={busy}
      options={callOutcomes.map((o) => ({ value: o, label: outcomeLabels[o] }))}
      onSave={(value, comment) => overrideOutcome(value, reason.trim() || outcome.callReason, comment)} onClose={onClose}>
      <label className="small outcome-reason">Reason for the call <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} /></label>
    </OverrideForm>
  );
}

/** The override's author and why, with the way back to the AI's values. */
export function OutcomeOverrideNote({ outcome }: { outcome: NonNullable<ReviewView['outcome']> }) {
  const blocked = useChangeBlocked();
  const { clearOutcomeOverride, busy } = useCall();
  if (!outcome.override) return null;
  return (
    <p className="crit-override small" data-testid="outcome-override">
      <strong>{outcome.override.actor}:</strong> {outcome.override.comment}{' '}
      {outcome.callReason !== outcome.aiCallReason ? <span className="muted">(AI's reason: {outcome.aiCallReason}) </span> : null}
      <button type="button" className="linkish small" disabled={busy || !!blocked} title={blocked ?? undefined} onClick={() => void clearOutcomeOverride()}>Revert to AI</button>
    </p>
  );
}
