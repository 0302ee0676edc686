import { useChangeBlocked } from '../../stores/session-store.js';
import { useEffect, useState } from 'react';
import type { RubricView } from '../../../../preload/contract/schemas/rubrics.js';
import { api } from '../../api/client.js';
import { useCall } from '../../stores/call-store.js';

/**
 * Re-analyze, with a choice of rubric when there is more than one (e.g. after creating a stricter
 * rubric in Settings). The choice starts at the rubric the current analysis used.
 */
export function ReanalyzeButton() {
  const blocked = useChangeBlocked();
  const c = useCall();
  const [rubrics, setRubrics] = useState<RubricView[]>([]);
  const [chosen, setChosen] = useState<number | null>(null);
  useEffect(() => {
    void api['rubrics.list']({}).then((r) => r.ok && setRubrics(r.value));
  }, []);
  const current = chosen ?? c.analysis?.analysis.scorecard.rubricId ?? rubrics.find((r) => r.isDefault)?.id ?? null;
  return (
    <span className="reanalyze">
      {rubrics.length > 1 ? (
        <select aria-label="Rubric for re-analysis" value={current ?? ''} onChange={(e) => setChosen(Number(e.target.value))}>
          {rubrics.map((r) => (
            <option key={r.id} value={r.id}>{r.name} v{r.version}</option>
          ))}
        </select>
      ) : null}
      <button type="button" className="btn" disabled={!c.transcript || c.busy || !!blocked} title={blocked ?? undefined} onClick={() => void c.reanalyze(current ?? undefined)}>
        Re-analyze
      </button>
    </span>
  );
}
