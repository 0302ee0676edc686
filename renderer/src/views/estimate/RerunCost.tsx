import type { CostEstimate } from '../../../../preload/contract/schemas/estimates.js';
import { usd } from '../money.js';
import { spanInWords } from '../queue/labels.js';
import './estimate.css';

/** One line beside "Re-run step": what the re-run will cost and take, what the cache saves, the budget. */
export function RerunCost({ estimate: e }: { estimate: CostEstimate }) {
  const paid = e.steps.some((s) => s.calls > 0);
  const detail = e.steps.map((s) => `${s.step}: ${s.calls} to send${s.skipped ? `, ${s.skipped} skipped` : ''} (${s.model}) ${usd(s.usd)}`).join('\n');
  const over = e.budgetLeftUsd !== null && e.totalUsd > e.budgetLeftUsd;
  return (
    <span className="estimate-inline" title={detail || undefined} aria-label="Re-run estimate">
      {paid ? <>≈ <strong>{usd(e.totalUsd)}</strong> · about {spanInWords(e.seconds)}</> : 'No provider cost'}
      {e.savedUsd > 0 ? <span className="estimate-saved"> · cache saves {usd(e.savedUsd)}</span> : null}
      {e.unpriced.length ? <span className="estimate-warn"> · no price for {e.unpriced.join(', ')}</span> : null}
      {over ? <span className="estimate-warn"> · over the budget left ({usd(e.budgetLeftUsd)})</span> : null}
    </span>
  );
}
