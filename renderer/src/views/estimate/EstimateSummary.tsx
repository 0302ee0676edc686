import type { CostEstimate, ImportBatchReport } from '../../../../preload/contract/schemas/estimates.js';
import { usd } from '../money.js';
import { providerName } from '../provider-name.js';
import { spanInWords } from '../queue/labels.js';
import './estimate.css';

const stepTitle = { transcribe: 'Transcription', analyze: 'Analysis' } as const;
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * What a batch (or a re-run) will cost and take before anything is sent: per paid step the calls that
 * reach the provider, the model and price, what is skipped (transcript already there, cache hits),
 * the monthly budget left. With `actual`, what was really spent so far beside it.
 */
export function EstimateSummary({ estimate: e, actual, title }: { estimate: CostEstimate; actual?: ImportBatchReport['actual']; title: string }) {
  const paid = e.steps.filter((s) => s.calls > 0);
  const overBudget = e.budgetLeftUsd !== null && e.totalUsd > e.budgetLeftUsd;
  const fromHistory = paid.length > 0 && paid.every((s) => s.basis === 'history');
  return (
    <section className="card estimate" aria-label={title}>
      <div className="estimate-head">
        <h2>{title}</h2>
        <span className="estimate-total">
          {paid.length ? <><strong>{usd(e.totalUsd)}</strong> · about {spanInWords(e.seconds)}</> : <strong>No provider cost</strong>}
        </span>
      </div>
      <ul className="estimate-lines">
        {e.steps.map((s) => (
          <li key={s.step}>
            <span className="estimate-step">{stepTitle[s.step]}</span>
            <span>
              {s.calls ? `${plural(s.calls, 'call')}${s.step === 'transcribe' ? `, ${spanInWords(s.audioSec)} of audio` : ''} with ${s.model} (${providerName(s.provider)})` : 'nothing to send'}
              {s.skipped ? <span className="muted"> · {s.step === 'transcribe' ? `${s.skipped} already transcribed` : `${s.skipped} from the analysis cache`}</span> : null}
            </span>
            <span className="num">{s.calls ? usd(s.usd) : '—'}</span>
          </li>
        ))}
      </ul>
      {e.savedUsd > 0 ? <p className="small estimate-saved">The analysis cache saves {usd(e.savedUsd)}.</p> : null}
      {e.unpriced.length ? <p className="small estimate-warn" role="note">No price for {e.unpriced.join(', ')}: the total leaves it out. Set it in Settings → Prices.</p> : null}
      {overBudget ? (
        <p className="small estimate-warn" role="note">
          This is more than is left of the monthly budget ({usd(e.budgetLeftUsd)}): the queue stops at the budget and the rest waits, nothing is lost.
        </p>
      ) : null}
      {actual ? <Actual estimate={e} actual={actual} /> : null}
      <p className="muted small">
        {fromHistory ? "From this app's recent calls with these models." : 'From the price table and typical speeds (no history with these models yet).'} Sends nothing.
      </p>
    </section>
  );
}

function Actual({ estimate: e, actual: a }: { estimate: CostEstimate; actual: ImportBatchReport['actual'] }) {
  const total = a.stepsDone + a.stepsLeft;
  const diff = e.totalUsd > 0 ? ((a.usd - e.totalUsd) / e.totalUsd) * 100 : null;
  return (
    <div className="estimate-actual">
      <div className="estimate-bar" role="progressbar" aria-label="Spent against the estimate" aria-valuemin={0} aria-valuemax={100}
        aria-valuenow={e.totalUsd > 0 ? Math.min(100, Math.round((a.usd / e.totalUsd) * 100)) : 0}>
        <div className="estimate-bar-fill" style={{ width: `${e.totalUsd > 0 ? Math.min(100, (a.usd / e.totalUsd) * 100) : 0}%` }} />
      </div>
      <span className="small">
        {a.seconds !== null
          ? <>Actual <strong>{usd(a.usd)}</strong>{diff !== null ? ` (${diff >= 0 ? '+' : ''}${diff.toFixed(1)}% against the estimate)` : ''} in {spanInWords(a.seconds)}</>
          : <>Spent so far <strong>{usd(a.usd)}</strong> · {a.stepsDone} of {total} paid steps done</>}
      </span>
    </div>
  );
}
