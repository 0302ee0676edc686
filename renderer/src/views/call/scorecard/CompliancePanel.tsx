import { useState } from 'react';
import type { AnalysisView } from '../../../../../preload/contract/schemas/analysis.js';
import type { ReviewView } from '../../../../../preload/contract/schemas/reviews.js';
import { useCall } from '../../../stores/call-store.js';
import { useChangeBlocked } from '../../../stores/session-store.js';
import { EvidenceChip } from './EvidenceChip.js';
import { OverrideForm } from './OverrideForm.js';

type Status = 'met' | 'not_met' | 'n/a';
const label: Record<Status, string> = { met: 'Met', not_met: 'Not met', 'n/a': 'N/A' };
const tone: Record<Status, string> = { met: 'good', not_met: 'bad', 'n/a': 'na' };

/**
 * The AI's compliance items: each with its status, the evidence that backs it, and an override like a
 * scorecard criterion (a status and a required reason, audited). Above them, why the call carries the
 * Compliance flag, from the same definition the flag is stored with.
 */
export function CompliancePanel({ view, review, onEvidence }: { view: AnalysisView; review: ReviewView | null; onEvidence: (sec: number) => void }) {
  const items = view.analysis.compliance;
  const reasons = review?.complianceReasons ?? [];
  if (!items.length && !reasons.length) return null;
  const overrides = new Map((review?.complianceOverrides ?? []).map((o) => [o.item, o]));
  return (
    <section className="card call-compliance" aria-label="Compliance">
      <header className="call-card-head"><h2>Compliance</h2></header>
      {reasons.length ? (
        <div className="flag-why small" data-testid="compliance-why" role="note">
          <strong>Why this call is flagged Compliance:</strong>
          <ul>{reasons.map((r) => <li key={r}>{r}</li>)}</ul>
        </div>
      ) : (
        <p className="muted small" data-testid="compliance-why">Not flagged: no auto-fail criterion failed and every compliance item is met or N/A.</p>
      )}
      <ul className="criteria">
        {items.map((c, i) => <ComplianceItem key={c.item} index={i} item={c} override={overrides.get(c.item) ?? null} onEvidence={onEvidence} />)}
      </ul>
    </section>
  );
}

function ComplianceItem({ index, item, override, onEvidence }: {
  index: number; item: AnalysisView['analysis']['compliance'][number]; override: ReviewView['complianceOverrides'][number] | null; onEvidence: (sec: number) => void;
}) {
  const blocked = useChangeBlocked();
  const { overrideCompliance, clearComplianceOverride, busy } = useCall();
  const [editing, setEditing] = useState(false);
  const shown = override?.status ?? item.status;
  const differs = override !== null && override.status !== item.status;
  return (
    <li className={`criterion${differs ? ' overridden' : ''}`} data-compliance={index} aria-label={item.item}>
      <div className="crit-head">
        <span className="crit-q">{item.item}</span>
        <span className="crit-answers">
          {differs ? <span className="answer ai-greyed" title="The AI's status">AI: {label[item.status]}</span> : null}
          <span className={`answer ${tone[shown]}`}>{label[shown]}</span>
        </span>
      </div>
      {override ? (
        <p className="crit-override small">
          <strong>{override.actor}:</strong> {override.comment}{' '}
          <button type="button" className="linkish small" disabled={busy || !!blocked} title={blocked ?? undefined} onClick={() => void clearComplianceOverride(index)}>Revert to AI</button>
        </p>
      ) : null}
      <div className="chips">
        {item.evidence.map((e) => <EvidenceChip key={`${e.start}-${e.quote}`} e={e} onPlay={onEvidence} />)}
        {!item.evidence.length ? <span className="muted small">No evidence quoted.</span> : null}
        {!editing ? (
          <button type="button" className="btn small ghost" aria-label={`Override: ${item.item}`} disabled={!!blocked} title={blocked ?? undefined} onClick={() => setEditing(true)}>Override</button>
        ) : null}
      </div>
      {editing ? (
        <OverrideForm label={`Override ${item.item}`} valueLabel="Reviewer status" value={shown} busy={busy}
          options={(['met', 'not_met', 'n/a'] as const).map((x) => ({ value: x, label: label[x] }))}
          onSave={(status, comment) => overrideCompliance(index, status, comment)} onClose={() => setEditing(false)} />
      ) : null}
    </li>
  );
}
