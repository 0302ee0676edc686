import { useEffect, useState } from 'react';
import type { CostEstimate } from '../../../../preload/contract/schemas/estimates.js';
import type { StepName } from '../../../../preload/contract/schemas/queue.js';
import { api } from '../../api/client.js';

/**
 * The estimate of re-running `step` for these recordings, asked again (debounced) as the choice
 * changes; an answer for an earlier choice is never shown for the current one.
 */
export function useRerunEstimate(recordingIds: readonly number[], step: StepName): CostEstimate | null {
  const key = `${step}:${recordingIds.join(',')}`;
  const [answer, setAnswer] = useState<{ key: string; estimate: CostEstimate } | null>(null);
  useEffect(() => {
    if (!recordingIds.length) return;
    let live = true;
    const t = setTimeout(() => {
      void api['estimates.forRecordings']({ recordingIds: [...recordingIds], step }).then((r) => {
        if (live && r.ok) setAnswer({ key, estimate: r.value });
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key, recordingIds, step]);
  return answer?.key === key ? answer.estimate : null;
}
