import type { RubricCriterionInput } from '../../../../preload/contract/schemas/rubrics.js';
import { ruleKindLabel } from './CriterionRow.js';

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, ''));
const weightOf = (c: RubricCriterionInput) => (Number(c.weight) > 0 ? Number(c.weight) : 0);

/**
 * The scorecard as a reviewer will see it with the rubric being edited: sections in order of first
 * appearance, each question with its points possible and answer type, auto-fail and N/A marks, and
 * the total. It follows the app's scoring: a yes earns the whole weight, a 1–5 answer (score − 1) / 4
 * of it, N/A leaves the criterion out, an auto-fail criterion answered no (or 1) scores the call 0.
 */
export function RubricPreview({ name, version, criteria }: { name: string; version: number; criteria: RubricCriterionInput[] }) {
  const total = criteria.reduce((s, c) => s + weightOf(c), 0);
  const sections = [...new Set(criteria.map((c) => c.section.trim() || 'No section'))];
  const autoFails = criteria.filter((c) => c.autoFail);
  // Focusable: beside the criteria it scrolls on its own, and a keyboard user scrolls it too.
  return (
    <aside className="rubric-preview" aria-labelledby="rubric-preview-title" tabIndex={0}>
      <header className="rp-head">
        <div>
          <h3 id="rubric-preview-title">Scorecard preview</h3>
          <p className="muted small">{name.trim() || 'Untitled rubric'} v{version} · as a reviewer sees it</p>
        </div>
        <div className="rp-total" data-testid="preview-total" aria-label={`${fmt(total)} points possible`}>
          <strong>{fmt(total)}</strong>
          <span className="small muted">points possible</span>
        </div>
      </header>
      {autoFails.length ? (
        <p className="rp-autofail-note small" role="note">
          <span className="rp-mark autofail">Auto-fail</span> {autoFails.length === 1 ? 'One criterion' : `${autoFails.length} criteria`} can fail the whole call: answered no (or 1), the score is 0.
        </p>
      ) : null}
      {sections.map((section) => {
        const items = criteria.filter((c) => (c.section.trim() || 'No section') === section);
        const points = items.reduce((s, c) => s + weightOf(c), 0);
        return (
          <section key={section} className="rp-section" aria-label={`Preview section ${section}`}>
            <h4><span>{section}</span><span className="rp-section-pts">{fmt(points)} pts{total > 0 ? ` · ${Math.round((points / total) * 100)}%` : ''}</span></h4>
            <ul className="rp-criteria">
              {items.map((c, i) => (
                <li key={`${c.id}-${i}`} className="rp-criterion" data-testid="preview-criterion" data-criterion={c.id}>
                  <div className="rp-q-line">
                    <span className="rp-q">{c.question.trim() || <span className="muted">(no question yet)</span>}</span>
                    <span className="rp-pts" data-testid="preview-points">{fmt(weightOf(c))} pts</span>
                  </div>
                  <div className="rp-meta small">
                    <span className="rp-answers">{c.type === 'yes_no' ? `Yes / No${c.allowNa ? ' / N/A' : ''}` : `1 2 3 4 5${c.allowNa ? ' · N/A' : ''}`}</span>
                    <span className={`rp-source ${c.rule ? 'is-rule' : 'is-ai'}`}>{c.rule ? `Rule: ${ruleKindLabel(c.rule.kind)}` : 'AI'}</span>
                    {c.autoFail ? <span className="rp-mark autofail" title={`Answered ${c.type === 'yes_no' ? 'no' : '1'}, the call scores 0`}>Auto-fail</span> : null}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      <p className="rp-foot small muted">
        Yes earns the full points; on a 1–5 scale, 5 earns all, 3 half, 1 none.{criteria.some((c) => c.allowNa) ? ' N/A takes the criterion out of the points possible.' : ''}
      </p>
    </aside>
  );
}
