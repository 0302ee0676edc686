import { useEffect, useMemo } from 'react';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useSystem, type SystemRange } from '../stores/system-store.js';
import { ChartCard } from './dashboard/ChartCard.js';
import { themeColors, useThemeAttr } from './dashboard/EChart.js';
import { usd } from './money.js';
import { providerName } from './provider-name.js';
import { BatchEstimates } from './system/BatchEstimates.js';
import { ServicesPanel, useServices } from './queue/ServicesPanel.js';
import './queue/queue.css';
import * as charts from './system/charts.js';
import { ViewHeader } from './ViewHeader.js';
import './dashboard/dashboard.css';
import './system/system.css';

const ranges: { id: SystemRange; label: string }[] = [{ id: '1h', label: 'Last hour' }, { id: '24h', label: 'Last 24 hours' }, { id: '7d', label: 'Last 7 days' }];
const REFRESH_MS = 30_000;
const bytes = (n: number) => (n >= 1_073_741_824 ? `${(n / 1_073_741_824).toFixed(2)} GB` : n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`);

/**
 * How the app itself is doing — throughput, provider latency and errors, queue depth, cost, imports,
 * event-loop lag, memory and circuit breakers — from the per-minute rollups it stores, so it works
 * offline with no monitoring stack; and what left the machine in the same period.
 */
export function SystemView() {
  const { range, metrics, egress, batches, error, setRange, load } = useSystem();
  const services = useServices();
  const theme = useThemeAttr();
  useEffect(() => {
    void useSystem.getState().load();
    const t = setInterval(() => void useSystem.getState().load(), REFRESH_MS);
    return () => clearInterval(t);
  }, []);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const c = useMemo(() => themeColors(), [theme]);
  const opt = useMemo(() => (metrics ? {
    throughput: charts.throughput(metrics, c), latency: charts.providerLatency(metrics, c), errors: charts.providerErrors(metrics, c), queue: charts.queueDepth(metrics, c),
    cost: charts.cost(metrics, c), imports: charts.imports(metrics, c), process: charts.processHealth(metrics, c), circuits: charts.circuits(metrics, c),
  } : null), [metrics, c]);
  const step = metrics ? (metrics.bucketSec >= 3600 ? `${metrics.bucketSec / 3600}-hour` : `${metrics.bucketSec / 60}-minute`) : '';

  const actions = (
    <div className="sys-range" role="group" aria-label="Period">
      {ranges.map((r) => (
        <button key={r.id} type="button" className={`btn ${range === r.id ? 'primary' : ''}`} aria-pressed={range === r.id} onClick={() => setRange(r.id)}>{r.label}</button>
      ))}
    </div>
  );
  return (
    <>
      <ViewHeader title="System" subtitle="How fast the app is going, what the providers are doing, what it costs — recorded every minute on this computer." actions={actions} />
      {error ? <ErrorBanner error={error} onRetry={() => void load()} /> : null}
      {services ? <ServicesPanel list={services.list} now={services.at} /> : null}
      {egress ? (
        <section className="card sys-egress" aria-label="Sent to providers in this period">
          <h2>Sent to providers</h2>
          {egress.providers.length ? (
            <table className="small">
              <thead><tr><th scope="col">Provider</th><th scope="col" className="num">Requests</th><th scope="col" className="num">Sent</th><th scope="col" className="num">Received</th><th scope="col" className="num">Audio</th><th scope="col" className="num">Cost</th></tr></thead>
              <tbody>
                {egress.providers.map((p) => (
                  <tr key={p.provider}>
                    <td>{providerName(p.provider)}</td><td className="num">{p.requests}</td><td className="num">{bytes(p.bytesSent)}</td><td className="num">{bytes(p.bytesReceived)}</td>
                    <td className="num">{(p.audioSec / 60).toFixed(1)} min</td><td className="num">{usd(p.costUsd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <p className="muted small">Nothing was sent to a provider in this period.</p>}
        </section>
      ) : null}
      {opt ? (
        <div className="dash-grid">
          <ChartCard title="Throughput" hint={`steps finished per minute, ${step} points`} option={opt.throughput} />
          <ChartCard title="Queue depth" hint="jobs waiting or running, by state" option={opt.queue} />
          <ChartCard title="Provider latency" hint="p50 and p95 per request" option={opt.latency} />
          <ChartCard title="Provider error rate" hint="share of requests answered with an error or not at all" option={opt.errors} />
          <ChartCard title="Cost" hint={`US dollars per ${step} bucket`} option={opt.cost} />
          <ChartCard title="Imports" hint="files per minute, by result" option={opt.imports} />
          <ChartCard title="Event loop and memory" hint="worst event-loop lag of the minute; resident memory" option={opt.process} />
          <ChartCard title="Circuit breakers" hint="when each provider's circuit opened and closed" option={opt.circuits} />
        </div>
      ) : <div className="dash-grid"><div className="skeleton" aria-busy="true" /><div className="skeleton" aria-busy="true" /></div>}
      {batches ? <BatchEstimates batches={batches} colors={c} /> : null}
    </>
  );
}
