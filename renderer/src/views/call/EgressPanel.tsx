import { useCall } from '../../stores/call-store.js';
import { usd } from '../money.js';
import { providerName } from '../provider-name.js';
import { clock, dateTime, time } from '../../../../preload/contract/time-format.js';

const bytes = (n: number) => (n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`);

/**
 * "Sent to providers": every request this call made to a provider (the egress ledger), so a reviewer
 * under PCI/GDPR can say exactly what left the machine, when, to whom and at what cost — or that
 * nothing did.
 */
export function EgressPanel() {
  const egress = useCall((s) => s.egress);
  if (!egress) return null;
  const { items, totals } = egress;
  return (
    <details className="card call-fold call-egress" aria-label="Sent to providers">
      <summary>
        <h2>Sent to providers</h2>
        <span className="muted small">
          {egress.leftMachine
            ? `${totals.requests} request${totals.requests === 1 ? '' : 's'} · ${bytes(totals.bytesSent)} sent · ${bytes(totals.bytesReceived)} received · ${usd(totals.costUsd)}`
            : 'Nothing of this call left this computer'}
        </span>
      </summary>
      {egress.leftMachine ? (
        <div className="egress-scroll">
        <table className="egress-table small">
          <thead>
            <tr><th scope="col">When</th><th scope="col">Step</th><th scope="col">Provider · endpoint</th><th scope="col">Model</th><th scope="col" className="num">Sent</th><th scope="col" className="num">Received</th><th scope="col" className="num">Audio / text</th><th scope="col">Status</th><th scope="col" className="num">Cost</th></tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td title={dateTime(i.at)}>{time(i.at)}</td>
                <td>{i.step ?? '—'}</td>
                <td>{providerName(i.provider)} · <code>{i.endpoint}</code></td>
                <td>{i.model ?? '—'}</td>
                <td className="num">{bytes(i.bytesSent)}</td>
                <td className="num">{bytes(i.bytesReceived)}</td>
                <td className="num">{i.audioSec !== null ? clock(i.audioSec) : i.charsSent !== null ? `${i.charsSent.toLocaleString()} chars` : '—'}</td>
                <td title={i.requestId ? `Request id ${i.requestId}` : undefined}>{i.status ?? (i.error ? 'no answer' : '—')}</td>
                <td className="num">{usd(i.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      ) : (
        <p className="muted small">The transcript and analysis of this call were made on this computer (an attached transcript, local metrics and rules): no audio or text was sent anywhere.</p>
      )}
    </details>
  );
}
