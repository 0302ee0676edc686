import { useEffect, useState } from 'react';
import type { RubricCriterion, RubricCriterionInput, RubricView } from '../../../../preload/contract/schemas/rubrics.js';
import { useApp } from '../../stores/app-store.js';
import { CriterionRow } from './CriterionRow.js';
import { useReviewSettings } from './review-settings-store.js';
import { useUnsavedGuard } from '../../stores/use-unsaved-guard.js';

const blank = (n: number): RubricCriterionInput => ({ id: `criterion_${n}`, section: 'General', question: '', guidance: '', type: 'yes_no', weight: 10, allowNa: false, autoFail: false });

interface Draft { name: string; description: string; criteria: RubricCriterionInput[]; makeDefault: boolean }
const draftOf = (r: RubricView): Draft => ({ name: r.name, description: r.description, criteria: r.criteria.map((c: RubricCriterion) => ({ ...c })), makeDefault: r.isDefault });

function focusFromHash(): { rubricId: number | null; criterionId: string | null } {
  const params = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  const rubric = Number(params.get('rubric'));
  return { rubricId: Number.isInteger(rubric) && rubric > 0 ? rubric : null, criterionId: params.get('criterion') };
}

/**
 * The rubrics editor: pick a rubric, edit its criteria (question, section, weight, yes/no or 1–5,
 * N/A allowed, auto-fail, optional local rule) and save a new version. Analyses are cached per
 * rubric version, so saving means the next analysis re-scores with the new questions.
 */
export function RubricsEditor() {
  const { rubrics, saving, saveRubric } = useReviewSettings();
  const toast = useApp((s) => s.toast);
  // A calibration's "reword" link (#/settings?rubric=3&criterion=empathy) opens that rubric at that criterion.
  const [focus] = useState(focusFromHash);
  const [selected, setSelected] = useState<number | null>(focus.rubricId);
  const loaded = rubrics.length > 0;
  useEffect(() => {
    if (loaded && focus.criterionId) document.getElementById('focused-criterion')?.scrollIntoView({ block: 'center' });
  }, [loaded, focus.criterionId]);
  const [edited, setDraft] = useState<Draft | null>(null);
  const current = rubrics.find((r) => r.id === selected) ?? rubrics.find((r) => r.isDefault) ?? rubrics[0] ?? null;
  // Untouched, the form shows the selected rubric as saved; the first edit makes it a draft.
  const draft = edited ?? (current ? draftOf(current) : null);
  // An edited weight or question is not lost by clicking away: leaving asks first, like Settings.
  useUnsavedGuard('rubric changes', !!current && !!edited && JSON.stringify(edited) !== JSON.stringify(draftOf(current)));
  if (!current || !draft) return <section className="card" aria-label="Rubrics"><h2>Rubrics</h2><div className="skeleton small-skeleton" aria-busy="true" /></section>;
  const total = draft.criteria.reduce((s, c) => s + (Number(c.weight) || 0), 0);
  const setCrit = (i: number, c: RubricCriterionInput) => setDraft({ ...draft, criteria: draft.criteria.map((x, k) => (k === i ? c : x)) });
  const save = async () => {
    const saved = await saveRubric(draft);
    if (saved) {
      toast({ level: 'success', message: `Saved ${saved.name} v${saved.version}. New analyses use it.` });
      setSelected(saved.id);
      setDraft(draftOf(saved));
    }
  };
  return (
    <section className="card rubrics-editor" aria-labelledby="rubrics-title">
      <header className="rubric-head">
        <h2 id="rubrics-title">Rubrics</h2>
        <select aria-label="Rubric" value={current.id} onChange={(e) => { const r = rubrics.find((x) => x.id === Number(e.target.value)); setSelected(Number(e.target.value)); if (r) setDraft(draftOf(r)); }}>
          {rubrics.map((r) => <option key={r.id} value={r.id}>{r.name} v{r.version}{r.isDefault ? ' (default)' : ''}</option>)}
        </select>
      </header>
      <div className="rubric-meta">
        <label>Name <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></label>
        <label>Description <input value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} /></label>
        <label className="inline"><input type="checkbox" checked={draft.makeDefault} onChange={(e) => setDraft({ ...draft, makeDefault: e.target.checked })} /> Default rubric</label>
      </div>
      <table className="rubric-table" aria-label="Criteria">
        <thead>
          <tr><th scope="col">Id</th><th scope="col">Section</th><th scope="col">Question</th><th scope="col">Type</th><th scope="col">Weight</th><th scope="col">N/A</th><th scope="col">Auto-fail</th><th scope="col">Rule</th><th scope="col"><span className="sr-only">Remove</span></th></tr>
        </thead>
        <tbody>
          {draft.criteria.map((c, i) => (
            <CriterionRow key={i} c={c} focused={c.id === focus.criterionId && current.id === focus.rubricId} onChange={(x) => setCrit(i, x)} onRemove={() => setDraft({ ...draft, criteria: draft.criteria.filter((_, k) => k !== i) })} />
          ))}
        </tbody>
      </table>
      <div className="rubric-actions">
        <button type="button" className="btn small" onClick={() => setDraft({ ...draft, criteria: [...draft.criteria, blank(draft.criteria.length + 1)] })}>Add criterion</button>
        <span className="muted small">{draft.criteria.length} criteria · {total} points in total</span>
        <button type="button" className="btn small" onClick={() => setDraft(draftOf(current))}>Discard</button>
        <button type="button" className="btn small primary" disabled={saving} onClick={() => void save()}>{saving ? 'Saving…' : 'Save as new version'}</button>
      </div>
    </section>
  );
}
