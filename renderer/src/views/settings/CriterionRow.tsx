import { useState } from 'react';
import type { RubricCriterionInput } from '../../../../preload/contract/schemas/rubrics.js';
import type { RuleDefinitionInput } from '../../../../preload/contract/schemas/rules.js';

/** A starting point for each kind of local rule (the server validates the rule and names a wrong field). */
const RULE_TEMPLATES: Record<RuleDefinitionInput['kind'], { label: string; rule: Record<string, unknown> }> = {
  phrase_present: { label: 'Phrase said', rule: { kind: 'phrase_present', role: 'agent', phrases: ['this call may be recorded'], window: { firstSec: 30 } } },
  phrase_absent: { label: 'Phrase not said', rule: { kind: 'phrase_absent', role: 'agent', phrases: ['calm down'] } },
  verification_before_account: {
    label: 'Verified before account talk',
    rule: { kind: 'verification_before_account', verificationPhrases: ['date of birth', 'postcode'], accountPhrases: ['your balance', 'your account'] },
  },
  dead_air: { label: 'No long silence', rule: { kind: 'dead_air', maxSec: 20 } },
  talk_ratio: { label: 'Agent talk share', rule: { kind: 'talk_ratio', min: 0.3, max: 0.7 } },
};
export const ruleKindLabel = (kind: string): string => RULE_TEMPLATES[kind as RuleDefinitionInput['kind']]?.label.toLowerCase() ?? kind.replace(/_/g, ' ');

/** What is wrong with a criterion, in the rubric schema's terms, before the server is asked. */
export function criterionProblems(c: RubricCriterionInput, duplicateId: boolean): string[] {
  const out: string[] = [];
  if (c.question.trim().length < 3) out.push('Write the question (3 characters or more).');
  if (!c.section.trim()) out.push('Name a section.');
  if (!/^[a-z][a-z0-9_]{0,47}$/.test(c.id)) out.push('Id: lower-case letters, digits and _, starting with a letter.');
  else if (duplicateId) out.push('Another criterion has this id.');
  if (!(Number(c.weight) > 0 && Number(c.weight) <= 100)) out.push('Weight: more than 0, at most 100.');
  return out;
}

const ruleJson = (rule: RubricCriterionInput['rule']): string => {
  if (!rule) return '';
  const { criterionId: _id, ...rest } = rule;
  return JSON.stringify(rest, null, 2);
};

/**
 * One criterion of the rubric editor, laid out as a card: the question with its weight and Remove on
 * top; section, id, answer type, N/A allowed and auto-fail below; then how it is scored (the model,
 * with optional guidance, or a local rule written as JSON with a template per rule kind). Cells keep
 * their table roles, so the criteria stay a table for assistive technology.
 */
export function CriterionRow({ c, index, share, problems, onChange, onRemove, focused = false }: {
  c: RubricCriterionInput; index: number; share: number; problems: string[];
  onChange: (c: RubricCriterionInput) => void; onRemove: () => void; focused?: boolean;
}) {
  const [ruleText, setRuleText] = useState(ruleJson(c.rule));
  const [ruleError, setRuleError] = useState<string | null>(null);
  const label = c.question || c.id;
  const problemId = `criterion-${index}-problems`;
  const setRule = (text: string) => {
    setRuleText(text);
    if (!text.trim()) {
      setRuleError(null);
      onChange({ ...c, rule: undefined });
      return;
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      onChange({ ...c, rule: { ...parsed, criterionId: c.id } as RubricCriterionInput['rule'] });
      setRuleError(null);
    } catch {
      setRuleError('Not valid JSON yet: the saved rule is the last valid one.');
    }
  };
  // The rule answers this criterion: its criterionId follows the id.
  const setId = (id: string) => onChange({ ...c, id, rule: c.rule ? { ...c.rule, criterionId: id } : undefined });
  const scoredBy = c.rule ? `Local rule · ${ruleKindLabel(c.rule.kind)}` : c.guidance ? 'AI · with guidance' : 'AI';
  const classes = ['criterion-row', focused ? 'criterion-focused' : '', c.autoFail ? 'is-autofail' : '', problems.length ? 'has-problems' : ''].filter(Boolean).join(' ');
  return (
    <tr className={classes} id={focused ? 'focused-criterion' : undefined}>
      <td className="cr-num" aria-hidden="true"><span>{index + 1}</span></td>
      <td className="cr-question">
        <textarea value={c.question} rows={2} placeholder="Ask one thing a reviewer can answer from the call" aria-label={`Question ${c.id}`}
          aria-invalid={c.question.trim().length < 3 || undefined} aria-describedby={problems.length ? problemId : undefined}
          onChange={(e) => onChange({ ...c, question: e.target.value })} />
      </td>
      <td className="cr-weight">
        <label className="cr-weight-field">
          <input type="number" min={1} max={100} step="any" value={Number.isFinite(c.weight) ? c.weight : ''} aria-label={`Weight of ${label}`}
            aria-invalid={!(Number(c.weight) > 0 && Number(c.weight) <= 100) || undefined} onChange={(e) => onChange({ ...c, weight: e.target.value === '' ? Number.NaN : Number(e.target.value) })} />
          <span aria-hidden="true">pts</span>
        </label>
        <span className="cr-share small muted">{share > 0 ? `${Math.round(share * 100)}% of total` : '—'}</span>
      </td>
      <td className="cr-remove">
        <button type="button" className="btn small ghost rubric-remove" aria-label={`Remove ${label}`} onClick={onRemove}>
          <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
            <path d="M3 6h18M8 6V4h8v2m-9 0 1 14h8l1-14" />
          </svg>
          Remove
        </button>
      </td>
      <td className="cr-meta">
        <label className="cr-field">
          <span>Section</span>
          <input value={c.section} list="rubric-sections" aria-label={`Section of ${label}`} aria-invalid={!c.section.trim() || undefined}
            onChange={(e) => onChange({ ...c, section: e.target.value })} />
        </label>
        <label className="cr-field">
          <span>Id</span>
          <input className="mono" value={c.id} spellCheck={false} aria-label={`Id of ${label}`} aria-invalid={problems.some((p) => p.startsWith('Id') || p.startsWith('Another')) || undefined}
            onChange={(e) => setId(e.target.value)} />
        </label>
        <label className="cr-field">
          <span>Answer</span>
          <select value={c.type} aria-label={`Type of ${label}`} onChange={(e) => onChange({ ...c, type: e.target.value as RubricCriterionInput['type'] })}>
            <option value="yes_no">Yes / no</option>
            <option value="scale_1_5">Scale 1–5</option>
          </select>
        </label>
        <span className="cr-toggles">
          <label className="cr-toggle" title="The reviewer (or the AI) may answer N/A: the criterion then counts toward neither earned nor possible points.">
            <input type="checkbox" checked={!!c.allowNa} aria-label={`N/A allowed for ${label}`} onChange={(e) => onChange({ ...c, allowNa: e.target.checked })} />
            <span aria-hidden="true">N/A allowed</span>
          </label>
          <label className="cr-toggle cr-autofail" title={`Answered “${c.type === 'yes_no' ? 'no' : '1'}”, this criterion scores the whole call 0.`}>
            <input type="checkbox" checked={!!c.autoFail} aria-label={`Auto-fail on ${label}`} onChange={(e) => onChange({ ...c, autoFail: e.target.checked })} />
            <span aria-hidden="true">Auto-fail</span>
          </label>
        </span>
      </td>
      <td className="cr-rule">
        <details>
          <summary aria-label={`Scoring of ${label}: ${scoredBy}`}>
            <span className="cr-rule-label">Scored by</span>
            <span className={`cr-source ${c.rule ? 'is-rule' : 'is-ai'}`}>{scoredBy}</span>
          </summary>
          <div className="cr-rule-panel">
            <label className="cr-block">
              <span>Guidance for the AI <span className="muted">(what counts as yes; optional)</span></span>
              <textarea rows={2} value={c.guidance ?? ''} aria-label={`Guidance for ${label}`} onChange={(e) => onChange({ ...c, guidance: e.target.value })} />
            </label>
            <div className="cr-block">
              <div className="cr-rule-top">
                <span id={`rule-${index}-label`}>Local rule <span className="muted">(decided on this machine, not by the AI; empty = the AI answers)</span></span>
                <select aria-label={`Rule template for ${label}`} value="" onChange={(e) => { const t = RULE_TEMPLATES[e.target.value as RuleDefinitionInput['kind']]; if (t) setRule(JSON.stringify(t.rule, null, 2)); }}>
                  <option value="">Start from a template…</option>
                  {Object.entries(RULE_TEMPLATES).map(([k, t]) => <option key={k} value={k}>{t.label}</option>)}
                </select>
              </div>
              <textarea className="mono" rows={5} value={ruleText} spellCheck={false} placeholder='{"kind": "phrase_present", "phrases": ["…"]}' aria-label={`Local rule for ${label}`}
                aria-invalid={!!ruleError || undefined} onChange={(e) => setRule(e.target.value)} />
              {ruleError || c.rule ? (
                <div className="cr-rule-foot">
                  {ruleError ? <span className="small bad" role="status">{ruleError}</span> : null}
                  {c.rule ? <button type="button" className="btn small ghost" onClick={() => setRule('')}>Use the AI instead</button> : null}
                </div>
              ) : null}
            </div>
          </div>
        </details>
        {problems.length ? (
          <ul className="cr-problems small" id={problemId}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>
        ) : null}
      </td>
    </tr>
  );
}
