import { useEffect, useRef, useState } from 'react';
import type { RubricCriterion, RubricCriterionInput, RubricView } from '../../../../preload/contract/schemas/rubrics.js';
import { useApp } from '../../stores/app-store.js';
import { CriterionRow, criterionProblems } from './CriterionRow.js';
import { RubricPreview } from './RubricPreview.js';
import { useReviewSettings } from './review-settings-store.js';
import { useUnsavedGuard } from '../../stores/use-unsaved-guard.js';

interface Draft { name: string; description: string; criteria: RubricCriterionInput[]; makeDefault: boolean }
const draftOf = (r: RubricView): Draft => ({ name: r.name, description: r.description, criteria: r.criteria.map((c: RubricCriterion) => ({ ...c })), makeDefault: r.isDefault });

/** A new criterion: the first free `criterion_N` id, in the last criterion's section. */
function blank(criteria: RubricCriterionInput[]): RubricCriterionInput {
  const ids = new Set(criteria.map((c) => c.id));
  let n = criteria.length + 1;
  while (ids.has(`criterion_${n}`)) n++;
  return { id: `criterion_${n}`, section: criteria.at(-1)?.section ?? 'General', question: '', guidance: '', type: 'yes_no', weight: 10, allowNa: false, autoFail: false };
}

function focusFromHash(): { rubricId: number | null; criterionId: string | null } {
  const params = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  const rubric = Number(params.get('rubric'));
  return { rubricId: Number.isInteger(rubric) && rubric > 0 ? rubric : null, criterionId: params.get('criterion') };
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, ''));

/**
 * The rubrics editor: pick a rubric, edit its criteria (question, section, weight, yes/no or 1–5,
 * N/A allowed, auto-fail, guidance, optional local rule) beside a live preview of the scorecard, and
 * save a new version. Analyses are cached per rubric version, so saving means the next analysis
 * re-scores with the new questions.
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
  const [edited, setEdited] = useState<Draft | null>(null);
  // Stable row keys, so a removed row takes its own local state (the rule being typed) with it.
  const [keys, setKeys] = useState<number[] | null>(null);
  const nextKey = useRef(10_000);
  const current = rubrics.find((r) => r.id === selected) ?? rubrics.find((r) => r.isDefault) ?? rubrics[0] ?? null;
  // Untouched, the form shows the selected rubric as saved; the first edit makes it a draft.
  const draft = edited ?? (current ? draftOf(current) : null);
  const dirty = !!current && !!edited && JSON.stringify(edited) !== JSON.stringify(draftOf(current));
  // An edited weight or question is not lost by clicking away: leaving asks first, like Settings.
  useUnsavedGuard('rubric changes', dirty);
  if (!current || !draft) return <section className="card" aria-label="Rubrics"><h2>Rubrics</h2><div className="skeleton small-skeleton" aria-busy="true" /></section>;

  const rowKeys = keys && keys.length === draft.criteria.length ? keys : draft.criteria.map((_, i) => i);
  const setDraft = (d: Draft, k: number[] = rowKeys) => { setEdited(d); setKeys(k); };
  const reset = (d: Draft | null) => { setEdited(d); setKeys(null); };
  const total = draft.criteria.reduce((s, c) => s + (Number(c.weight) > 0 ? Number(c.weight) : 0), 0);
  const idCount = new Map<string, number>();
  for (const c of draft.criteria) idCount.set(c.id, (idCount.get(c.id) ?? 0) + 1);
  const problems = draft.criteria.map((c) => criterionProblems(c, (idCount.get(c.id) ?? 0) > 1));
  const problemCount = problems.filter((p) => p.length).length + (draft.name.trim() ? 0 : 1) + (draft.criteria.length ? 0 : 1);
  const sections = [...new Set(draft.criteria.map((c) => c.section.trim()).filter(Boolean))];

  const setCrit = (i: number, c: RubricCriterionInput) => setDraft({ ...draft, criteria: draft.criteria.map((x, k) => (k === i ? c : x)) });
  const remove = (i: number) => setDraft({ ...draft, criteria: draft.criteria.filter((_, k) => k !== i) }, rowKeys.filter((_, k) => k !== i));
  const add = () => setDraft({ ...draft, criteria: [...draft.criteria, blank(draft.criteria)] }, [...rowKeys, nextKey.current++]);
  const pick = (id: number) => {
    if (dirty && !window.confirm('You have unsaved rubric changes. Discard them and open another rubric?')) return;
    setSelected(id);
    reset(null);
  };
  const save = async () => {
    const saved = await saveRubric(draft);
    if (saved) {
      toast({ level: 'success', message: `Saved ${saved.name} v${saved.version}. New analyses use it.` });
      setSelected(saved.id);
      reset(draftOf(saved));
    }
  };
  const status = problemCount > 0
    ? `${problemCount} thing${problemCount === 1 ? '' : 's'} to fix before saving`
    : dirty ? 'Unsaved changes' : `Saved as v${current.version}`;
  return (
    <section className="card rubrics-editor" aria-labelledby="rubrics-title">
      <header className="rubric-head">
        <div>
          <h2 id="rubrics-title">Rubrics</h2>
          <p className="muted small">What every scorecard asks. Saving makes a new version: new analyses use it, scored calls keep theirs.</p>
        </div>
        <select className="rubric-pick" aria-label="Rubric" value={current.id} onChange={(e) => pick(Number(e.target.value))}>
          {rubrics.map((r) => <option key={r.id} value={r.id}>{r.name} v{r.version}{r.isDefault ? ' (default)' : ''}</option>)}
        </select>
      </header>
      <div className="rubric-meta">
        <label className="rubric-field rubric-name">
          <span>Name</span>
          <input value={draft.name} aria-invalid={!draft.name.trim() || undefined} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
        <label className="rubric-field rubric-description">
          <span>Description</span>
          <input value={draft.description} placeholder="Who this rubric is for, what changed" onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
        </label>
        <label className="rubric-default">
          <input type="checkbox" checked={draft.makeDefault} onChange={(e) => setDraft({ ...draft, makeDefault: e.target.checked })} /> Default rubric
        </label>
      </div>
      <div className="rubric-body">
        <div className="rubric-criteria">
          <div className="rubric-criteria-head">
            <h3>Criteria</h3>
            <span className="muted small">{draft.criteria.length} criteria · {sections.length} section{sections.length === 1 ? '' : 's'} · <span className="rubric-total">{fmt(total)} points in total</span></span>
          </div>
          <datalist id="rubric-sections">{sections.map((s) => <option key={s} value={s} />)}</datalist>
          <table className="rubric-table" aria-label="Criteria" role="table">
            <thead className="rubric-table-head" role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">Number</th><th scope="col" role="columnheader">Question</th><th scope="col" role="columnheader">Weight</th>
                <th scope="col" role="columnheader">Remove</th><th scope="col" role="columnheader">Section, id and answer</th><th scope="col" role="columnheader">Scored by</th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {draft.criteria.map((c, i) => (
                <CriterionRow key={rowKeys[i]} c={c} index={i} share={total > 0 ? (Number(c.weight) > 0 ? Number(c.weight) : 0) / total : 0} problems={problems[i]!}
                  focused={c.id === focus.criterionId && current.id === focus.rubricId} onChange={(x) => setCrit(i, x)} onRemove={() => remove(i)} />
              ))}
            </tbody>
          </table>
          <button type="button" className="btn rubric-add" onClick={add}><span aria-hidden="true">+</span> Add criterion</button>
        </div>
        <RubricPreview name={draft.name} version={dirty ? current.version + 1 : current.version} criteria={draft.criteria} />
      </div>
      <div className="rubric-actions">
        <span className={`rubric-status small${problemCount ? ' bad' : dirty ? ' unsaved' : ' muted'}`} role="status">{status}</span>
        <button type="button" className="btn small ghost rubric-preview-jump" onClick={() => document.querySelector('.rubric-preview')?.scrollIntoView({ block: 'start', behavior: 'smooth' })}>Preview <span aria-hidden="true">↓</span></button>
        <button type="button" className="btn small" disabled={!dirty} onClick={() => reset(draftOf(current))}>Discard</button>
        <button type="button" className="btn small primary" disabled={saving || !dirty || problemCount > 0} onClick={() => void save()}>{saving ? 'Saving…' : 'Save as new version'}</button>
      </div>
    </section>
  );
}
