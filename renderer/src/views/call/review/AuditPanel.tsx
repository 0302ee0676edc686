import { useCall } from '../../../stores/call-store.js';
import { dateTime } from '../../../../../preload/contract/time-format.js';

const actionLabels: Record<string, string> = {
  override: 'Overrode', clear_override: 'Reverted to AI', mark_reviewed: 'Marked reviewed', mark_unreviewed: 'Marked not reviewed',
  comment: 'Commented', delete_comment: 'Deleted a comment', edit_transcript: 'Corrected the transcript', update_speakers: 'Changed speakers',
  update_metadata: 'Edited metadata', attach_transcript: 'Attached a transcript',
  override_compliance: 'Overrode a compliance item', clear_compliance_override: 'Reverted a compliance item to AI',
  override_outcome: 'Overrode the outcome', clear_outcome_override: 'Reverted the outcome to AI',
  coaching_note: 'Left a coaching note', acknowledge: 'Acknowledged', dispute: 'Disputed', resolve_dispute: 'Resolved a dispute',
};

/** "answer: yes → no" from the audit entry's old and new JSON (only the fields that changed). */
function describe(oldV: unknown, newV: unknown, questions: ReadonlyMap<string, string>): string {
  const o = (oldV && typeof oldV === 'object' ? oldV : {}) as Record<string, unknown>;
  const n = (newV && typeof newV === 'object' ? newV : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])].filter((k) => JSON.stringify(o[k]) !== JSON.stringify(n[k]));
  const show = (v: unknown) => (v === undefined || v === null ? '—' : typeof v === 'string' ? (v.length > 60 ? `${v.slice(0, 57)}…` : v) : JSON.stringify(v).slice(0, 60));
  const id = n.criterionId ?? o.criterionId;
  return `${typeof id === 'string' ? `${questions.get(id) ?? id}: ` : typeof id === 'number' ? `${id}: ` : ''}${keys.filter((k) => k !== 'criterionId' && k !== 'source').map((k) => `${k} ${show(o[k])} → ${show(n[k])}`).join('; ')}`;
}

/** Who changed what on this call, when, old → new (append-only audit log). */
export function AuditPanel() {
  const audit = useCall((s) => s.audit);
  const criteria = useCall((s) => s.analysis?.analysis.scorecard.criteria);
  // Entries name a criterion by id; people read its question.
  const questions = new Map((criteria ?? []).map((c) => [c.id, c.question]));
  return (
    <details className="card call-fold call-audit" aria-label="Audit trail">
      <summary><h2>Audit trail</h2><span className="muted small">{audit.length} change{audit.length === 1 ? '' : 's'}</span></summary>
      {audit.length ? (
        <ol className="audit-list small">
          {audit.map((a) => (
            <li key={a.id}>
              <span className="muted">{dateTime(a.at)} · {a.actor}</span>
              <span><strong>{actionLabels[a.action] ?? a.action}</strong> {describe(a.oldValue, a.newValue, questions)}</span>
            </li>
          ))}
        </ol>
      ) : <p className="muted small">No changes yet. Overrides, comments, corrections and review marks are recorded here.</p>}
    </details>
  );
}
