import { useEffect, useMemo, useState } from 'react';
import { callStatusOf } from '../../../preload/contract/call-status.js';
import { stepNames, type StepName } from '../../../preload/contract/schemas/queue.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useNav } from '../stores/nav-store.js';
import { useQueue } from '../stores/queue-store.js';
import { RerunCost } from './estimate/RerunCost.js';
import { useRerunEstimate } from './estimate/use-estimate.js';
import { ProviderPanel } from './queue/ProviderPanel.js';
import { RecordingRow } from './queue/RecordingRow.js';
import { ServicesPanel, useServices } from './queue/ServicesPanel.js';
import { SummaryBar } from './queue/SummaryBar.js';
import { pipelineSteps, stepLabels } from './queue/labels.js';
import { ViewHeader } from './ViewHeader.js';
import './queue/queue.css';

/** Ticks once a second so "retry in 12 s" counts down without asking the server anything. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}

export function QueueView() {
  const go = useNav((s) => s.go);
  const q = useQueue();
  const now = useNow();
  const [rerunStep, setRerunStep] = useState<StepName>('analyze');
  const services = useServices();
  const selectedIds = useMemo(() => [...q.selected].sort((a, b) => a - b), [q.selected]);
  const rerunEstimate = useRerunEstimate(selectedIds, rerunStep);
  useEffect(() => {
    void useQueue.getState().load();
  }, []);

  const rows = useMemo(() => {
    const all = [...q.rows.values()];
    const filtered = q.filter.state ? all.filter((r) => callStatusOf(Object.values(r.steps).map((j) => j.state)) === q.filter.state) : all;
    return filtered.sort((a, b) => b.priority - a.priority || a.recordingId - b.recordingId);
  }, [q.rows, q.filter.state]);

  const s = q.summary;
  const failed = s?.calls.failed ?? 0;
  const actions = s ? (
    <>
      {s.paused ? (
        <button type="button" className="btn primary" onClick={() => void q.resume()}>Resume</button>
      ) : (
        <button type="button" className="btn" onClick={() => void q.pause()}>Pause all</button>
      )}
      <button type="button" className="btn" onClick={() => void q.retry(null)} disabled={!failed}>Retry failed calls ({failed})</button>
      <button type="button" className="btn" onClick={() => window.confirm('Cancel every unfinished step?') && void q.cancel(null)} disabled={!s.activeRecordings}>
        Cancel all
      </button>
    </>
  ) : null;

  const hasWork = !!s && Object.keys(s.counts).length > 0;
  const isEmpty = !!s && !hasWork && !q.loading;

  return (
    <>
      <ViewHeader title="Queue" subtitle="Transcription and analysis progress for every imported call." actions={actions} />
      {q.error ? <ErrorBanner error={q.error} onRetry={() => void q.load()} /> : null}
      {s?.paused ? <div className="q-paused-banner" role="status">The queue is paused. Running steps finish; nothing new starts until you resume.</div> : null}
      {isEmpty ? (
        <EmptyState icon="queue" title="Nothing is being processed"
          action={<button type="button" className="btn primary" onClick={() => go('import')}>Import recordings</button>}>
          <p>Imported calls are transcribed and analysed here, step by step. Work waits safely when you are offline or a key is missing.</p>
        </EmptyState>
      ) : null}
      {hasWork ? (
        <>
          <SummaryBar summary={s} active={q.filter.state} onPick={(state) => q.setFilter({ state })} />
          <ProviderPanel providers={s.providers} now={now} />
        </>
      ) : null}
      {/* A team server's workers, also before any work arrives (is one running?). */}
      {services && (isEmpty || hasWork) ? <ServicesPanel list={services.list} now={now} compact /> : null}
      {hasWork ? (
        <>
          <div className="q-toolbar">
            <input type="search" className="q-search" placeholder="Filter by file name" value={q.filter.search}
              onChange={(e) => q.setFilter({ search: e.target.value })} aria-label="Filter by file name" />
            <div className="q-selection" aria-live="polite">
              {q.selected.size ? (
                <>
                  <span>{q.selected.size} selected</span>
                  <select value={rerunStep} onChange={(e) => setRerunStep(e.target.value as StepName)} aria-label="Step to re-run">
                    {stepNames.map((n) => <option key={n} value={n}>{stepLabels[n]}</option>)}
                  </select>
                  <button type="button" className="btn" onClick={() => void q.rerun(rerunStep)}>Re-run step</button>
                  {rerunEstimate ? <RerunCost estimate={rerunEstimate} /> : null}
                  <button type="button" className="btn" onClick={() => void q.prioritize([...q.selected], 10)}>Move to front</button>
                  <button type="button" className="btn ghost" onClick={q.clearSelection}>Clear</button>
                </>
              ) : (
                <span className="muted small">Select calls to re-run a step or move them to the front.</span>
              )}
            </div>
          </div>
          <div className="card q-table-wrap">
            <table className="q-table">
              <thead>
                <tr>
                  <th aria-label="Select" />
                  <th>Call</th>
                  {pipelineSteps.map((p) => <th key={p}>{stepLabels[p]}</th>)}
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, 500).map((r) => (
                  <RecordingRow key={r.recordingId} row={r} now={now} selected={q.selected.has(r.recordingId)}
                    onToggle={() => q.toggle(r.recordingId)} onRetry={() => void q.retry(r.recordingId)}
                    onCancel={() => void q.cancel(r.recordingId)} onBump={() => void q.prioritize([r.recordingId], 10)} />
                ))}
              </tbody>
            </table>
            {rows.length > 500 ? <p className="muted small q-more">Showing the first 500 of {rows.length} calls; use the filters to narrow down.</p> : null}
            {!rows.length ? <p className="muted q-more">No call matches the filters.</p> : null}
          </div>
        </>
      ) : null}
    </>
  );
}
