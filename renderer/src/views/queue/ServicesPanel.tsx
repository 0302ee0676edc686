import { useEffect, useState } from 'react';
import type { ServiceList } from '../../../../preload/contract/schemas/queue.js';
import { api } from '../../api/client.js';
import { spanInWords, stepLabels } from './labels.js';

const POLL_MS = 5_000;

/** The pipeline's processes, polled while shown (workers heart-beat every 5 s), with when they were read. */
export function useServices(): { list: ServiceList; at: number } | null {
  const [list, setList] = useState<{ list: ServiceList; at: number } | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => void api['services.list']({}).then((r) => live && r.ok && setList({ list: r.value, at: Date.now() }));
    load();
    const t = setInterval(load, POLL_MS);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, []);
  return list;
}

const stepsText = (steps: string[]) => steps.map((s) => stepLabels[s] ?? s).join(', ');

/**
 * Who runs the pipeline: the API process (scheduler and storage) and each worker service with its
 * steps, slots in use and last heartbeat; a worker silent for 15 s is marked gone (its jobs run
 * elsewhere). `compact` (the Queue view) lists workers only and hides itself when there are none to
 * show (the desktop app runs every step itself).
 */
export function ServicesPanel({ list, now, compact = false }: { list: ServiceList; now: number; compact?: boolean }) {
  const workers = list.services.filter((s) => s.role === 'worker');
  if (compact && list.transport === 'embedded') return null;
  const shown = compact ? workers : list.services;
  const steps = new Set(workers.filter((w) => w.state === 'live').flatMap((w) => w.steps));
  return (
    <section className="card q-services" aria-label="Worker services">
      <h2>{compact ? 'Workers' : 'Processes'}</h2>
      {list.transport === 'redis' && !workers.some((w) => w.state === 'live') ? (
        <p className="q-last-error small" role="status">No worker is running: steps wait in the queue until one starts (<code>npm run worker</code>).</p>
      ) : null}
      {shown.length ? (
        <table className="small q-services-table">
          <thead>
            <tr>
              <th scope="col">Process</th><th scope="col">Host</th><th scope="col">Steps</th><th scope="col" className="num">Slots in use</th>
              <th scope="col">Version</th><th scope="col">Up</th><th scope="col">Last heartbeat</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.id} className={s.state === 'gone' ? 'gone' : ''}>
                <td>
                  <span className={`q-dot ${s.state === 'live' ? 'circuit-closed' : 'circuit-open'}`} aria-hidden="true" />
                  <strong>{s.role === 'api' ? 'API (scheduler, storage)' : s.name}</strong>
                  {s.state === 'gone' ? <span className="muted"> · gone</span> : null}
                </td>
                <td>{s.host} <span className="muted">pid {s.pid}</span></td>
                <td>{s.role === 'api' ? (list.transport === 'embedded' ? 'every step, in this process' : 'schedules and stores') : stepsText(s.steps)}</td>
                <td className="num">{s.role === 'api' ? s.inFlight : `${s.inFlight} of ${s.concurrency * s.steps.length}`}</td>
                <td>{s.version}</td>
                {/* A gone worker was up until its last heartbeat, not until now. */}
                <td>{spanInWords(Math.max(0, ((s.state === 'gone' ? s.lastHeartbeat : now) - s.startedAt) / 1000))}</td>
                <td>{s.role === 'api' ? '—' : `${spanInWords(Math.max(0, (now - s.lastHeartbeat) / 1000))} ago`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {list.transport === 'redis' && workers.length ? (
        <p className="muted small">Steps served: {steps.size ? stepsText([...steps]) : 'none'}.</p>
      ) : null}
    </section>
  );
}
