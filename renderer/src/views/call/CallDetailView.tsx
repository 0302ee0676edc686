import { useEffect, useState } from 'react';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { callIdFromHash, useCall } from '../../stores/call-store.js';
import { ViewHeader } from '../ViewHeader.js';
import { LocalAnalytics } from './local/LocalAnalytics.js';
import { ScorecardPanel } from './ScorecardPanel.js';
import { SummaryPanel } from './SummaryPanel.js';
import { TranscriptPanel } from './TranscriptPanel.js';
import './call.css';

/**
 * One call (`#/calls/<id>`): transcript with Agent/Customer labels beside the scorecard, whose
 * evidence chips jump to the quoted moment. The full review workspace (player, overrides) builds on it.
 */
export function CallDetailView() {
  const c = useCall();
  const [highlight, setHighlight] = useState<number | null>(null);
  useEffect(() => {
    const sync = () => {
      const id = callIdFromHash(window.location.hash);
      if (id !== null) useCall.getState().open(id);
    };
    sync();
    window.addEventListener('hashchange', sync);
    return () => {
      window.removeEventListener('hashchange', sync);
      useCall.getState().close();
    };
  }, []);

  const title = c.recording?.fileName ?? (c.id !== null ? `Call #${c.id}` : 'Call');
  const subtitle = c.recording
    ? [c.recording.metadata.agent && `Agent ${c.recording.metadata.agent}`, c.recording.metadata.callTime, `${Math.round(c.recording.durationSec)} s`].filter(Boolean).join(' · ')
    : undefined;
  return (
    <div className="call-view">
      <ViewHeader
        title={title}
        subtitle={subtitle}
        actions={
          <>
            <a className="btn" href="#/calls">All calls</a>
            <button type="button" className="btn" disabled={!c.transcript || c.busy} onClick={() => void c.swapSpeakers()}>Swap speakers</button>
            <button type="button" className="btn primary" disabled={!c.transcript || c.busy} onClick={() => void c.reanalyze()}>Re-analyze</button>
          </>
        }
      />
      {c.error ? <ErrorBanner error={c.error} /> : null}
      <LocalAnalytics id={c.id} onSeek={setHighlight} />
      {!c.transcript && c.pending ? (
        <EmptyState icon="queue" title="Not transcribed yet">The transcript and scorecard appear here as soon as the queue finishes this call.</EmptyState>
      ) : null}
      {c.transcript ? (
        <div className="call-grid">
          <TranscriptPanel view={c.transcript} highlight={highlight} />
          <div className="call-side">
            {c.analysis ? (
              <>
                <SummaryPanel view={c.analysis} />
                <ScorecardPanel view={c.analysis} onEvidence={setHighlight} />
              </>
            ) : (
              <section className="card muted" aria-label="Scorecard">Analysing… the scorecard appears when the analyze step is done.</section>
            )}
          </div>
        </div>
      ) : null}
    </div>
  );
}
