import type { ImportBatchReport } from '../../../../preload/contract/schemas/estimates.js';
import { ChartCard } from '../dashboard/ChartCard.js';
import type { themeColors } from '../dashboard/EChart.js';
import { usd } from '../money.js';
import { spanInWords } from '../queue/labels.js';
import { batchCosts } from './charts.js';
import { dateTime } from '../../../../preload/contract/time-format.js';

const diff = (estimate: number, actual: number) => (estimate > 0 ? `${actual >= estimate ? '+' : ''}${(((actual - estimate) / estimate) * 100).toFixed(1)}%` : '—');

/** "Estimates vs actuals per batch": how far the cost shown before spending was from what was spent. */
export function BatchEstimates({ batches, colors }: { batches: readonly ImportBatchReport[]; colors: ReturnType<typeof themeColors> }) {
  if (!batches.length) return null;
  return (
    <section className="sys-batches" aria-label="Import batches: estimate and actual">
      <ChartCard title="Batch cost: estimated and actual" hint="the estimate made when each batch was in, before any provider step ran" option={batchCosts(batches, colors)} />
      <div className="card sys-egress">
        <h2>Import batches</h2>
        <table className="small">
          <thead>
            <tr>
              <th scope="col">Imported</th><th scope="col" className="num">Calls</th><th scope="col" className="num">Estimated</th><th scope="col" className="num">Actual</th>
              <th scope="col" className="num">Difference</th><th scope="col" className="num">Time est.</th><th scope="col" className="num">Time</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => {
              const finished = b.actual.seconds !== null;
              return (
                <tr key={b.id}>
                  <td>{dateTime(b.createdAt)}</td>
                  <td className="num">{b.recordings}</td>
                  <td className="num">{usd(b.estimate.totalUsd)}</td>
                  <td className="num">{usd(b.actual.usd)}{finished ? '' : ' so far'}</td>
                  <td className="num">{finished ? diff(b.estimate.totalUsd, b.actual.usd) : `${b.actual.stepsDone} of ${b.actual.stepsDone + b.actual.stepsLeft} steps`}</td>
                  <td className="num">{spanInWords(b.estimate.seconds)}</td>
                  <td className="num">{finished ? spanInWords(b.actual.seconds!) : '…'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
