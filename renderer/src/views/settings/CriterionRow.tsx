import { useState } from 'react';
import type { RubricCriterionInput } from '../../../../preload/contract/schemas/rubrics.js';

const RULE_EXAMPLE = '{"kind":"phrase_present","role":"agent","phrases":["this call may be recorded"],"window":{"firstSec":30}}';

/**
 * One editable criterion. The local rule is JSON (the rule language has several kinds; the server
 * validates it and names the field that is wrong); empty = answered by the model.
 */
export function CriterionRow({ c, onChange, onRemove, focused = false }: { c: RubricCriterionInput; onChange: (c: RubricCriterionInput) => void; onRemove: () => void; focused?: boolean }) {
  const [ruleText, setRuleText] = useState(c.rule ? JSON.stringify(c.rule) : '');
  const [ruleError, setRuleError] = useState<string | null>(null);
  const label = c.question || c.id;
  const setRule = (text: string) => {
    setRuleText(text);
    if (!text.trim()) {
      setRuleError(null);
      onChange({ ...c, rule: undefined });
      return;
    }
    try {
      onChange({ ...c, rule: { ...(JSON.parse(text) as object), criterionId: c.id } as RubricCriterionInput['rule'] });
      setRuleError(null);
    } catch {
      setRuleError('Not valid JSON yet');
    }
  };
  return (
    <tr className={focused ? 'criterion-focused' : undefined} id={focused ? 'focused-criterion' : undefined}>
      <td><input value={c.id} size={14} aria-label={`Id of ${label}`} onChange={(e) => onChange({ ...c, id: e.target.value })} /></td>
      <td><input value={c.section} size={10} aria-label={`Section of ${label}`} onChange={(e) => onChange({ ...c, section: e.target.value })} /></td>
      <td><textarea value={c.question} rows={2} aria-label={`Question ${c.id}`} onChange={(e) => onChange({ ...c, question: e.target.value })} /></td>
      <td>
        <select value={c.type} aria-label={`Type of ${label}`} onChange={(e) => onChange({ ...c, type: e.target.value as RubricCriterionInput['type'] })}>
          <option value="yes_no">Yes / no</option>
          <option value="scale_1_5">1–5</option>
        </select>
      </td>
      <td><input type="number" min={1} max={100} value={c.weight} aria-label={`Weight of ${label}`} style={{ width: 64 }} onChange={(e) => onChange({ ...c, weight: Number(e.target.value) })} /></td>
      <td><input type="checkbox" checked={!!c.allowNa} aria-label={`N/A allowed for ${label}`} onChange={(e) => onChange({ ...c, allowNa: e.target.checked })} /></td>
      <td><input type="checkbox" checked={!!c.autoFail} aria-label={`Auto-fail on ${label}`} onChange={(e) => onChange({ ...c, autoFail: e.target.checked })} /></td>
      <td>
        <details>
          <summary className="small">{c.rule ? 'Local rule' : 'AI'}</summary>
          <textarea className="mono" rows={3} value={ruleText} placeholder={RULE_EXAMPLE} aria-label={`Local rule for ${label}`} onChange={(e) => setRule(e.target.value)} />
          {ruleError ? <span className="small bad">{ruleError}</span> : null}
        </details>
      </td>
      <td><button type="button" className="linkish danger small" aria-label={`Remove ${label}`} onClick={onRemove}>Remove</button></td>
    </tr>
  );
}
