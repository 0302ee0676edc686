import { useChangeBlocked } from '../../stores/session-store.js';
import { useCallback, useEffect, useState } from 'react';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { callIdFromHash, useCall } from '../../stores/call-store.js';
import { ViewHeader } from '../ViewHeader.js';
import { LocalAnalytics } from './local/LocalAnalytics.js';
import { Player } from './player/Player.js';
import { usePlayer } from './player-store.js';
import { AuditPanel } from './review/AuditPanel.js';
import { CommentsPanel } from './review/CommentsPanel.js';
import { CompliancePanel } from './scorecard/CompliancePanel.js';
import { ScorecardPanel } from './scorecard/ScorecardPanel.js';
import { SummaryPanel } from './SummaryPanel.js';
import { TranscriptPanel } from './transcript/TranscriptPanel.js';
import './call.css';
import { ReanalyzeButton } from './ReanalyzeButton.js';
import { MetadataPanel } from './MetadataPanel.js';
import { EgressPanel } from './EgressPanel.js';

/**
 * One call (`#/calls/<id>`), the reviewer's workspace: the player on top, the transcript synced to it
 * on the left, summary, scorecard (with overrides), comments and the audit trail on the right. Every
 * "go to this moment" (evidence chip, rule finding, comment, word) seeks the audio and scrolls the
 * transcript there.
 */
export function CallDetailView() {
  const c = useCall();
  const blocked = useChangeBlocked();
  const [focus, setFocus] = useState<{ sec: number; n: number } | null>(null);
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
  const goTo = useCallback((sec: number) => {
    usePlayer.getState().seek(sec);
    setFocus((f) => ({ sec, n: (f?.n ?? 0) + 1 }));
  }, []);

  const title = c.recording?.fileName ?? (c.id !== null ? `Call #${c.id}` : 'Call');
  const subtitle = c.recording
    ? [c.recording.metadata.agent && `Agent ${c.recording.metadata.agent}`, c.recording.metadata.callTime, `${Math.round(c.recording.durationSec)} s`].filter(Boolean).join(' · ')
    : undefined;
  const reviewed = c.review?.reviewed ?? false;
  return (
    <div className="call-view">
      <ViewHeader
        title={title}
        subtitle={subtitle}
        actions={
          <>
            <a className="btn" href="#/calls">All calls</a>
            <ReanalyzeButton />
            <button type="button" className={`btn ${reviewed ? 'ok' : 'primary'}`} aria-pressed={reviewed} disabled={!c.review || c.busy || !!blocked}
              onClick={() => void c.setReviewed(!reviewed)} title={blocked ?? (c.review?.reviewedAt ? `Reviewed by ${c.review.reviewedBy} on ${new Date(c.review.reviewedAt).toLocaleString()}` : undefined)}>
              {reviewed ? '✓ Reviewed' : 'Mark reviewed'}
            </button>
          </>
        }
      />
      {c.error ? <ErrorBanner error={c.error} /> : null}
      {c.id !== null && c.recording ? <Player id={c.id} /> : <div className="skeleton player-skeleton" aria-busy="true" aria-label="Loading player" />}
      <MetadataPanel />
      <LocalAnalytics id={c.id} onSeek={goTo} />
      {!c.transcript && c.pending && c.recording ? (
        <EmptyState icon="queue" title="Not transcribed yet">The transcript and scorecard appear here as soon as the queue finishes this call.</EmptyState>
      ) : null}
      {!c.recording && !c.error ? <div className="call-grid"><div className="skeleton" aria-busy="true" /><div className="skeleton" aria-busy="true" /></div> : null}
      {c.transcript ? (
        <div className="call-grid">
          <TranscriptPanel view={c.transcript} edits={c.review?.edits ?? []} focusSec={focus} />
          <div className="call-side">
            {c.analysis ? (
              <>
                <SummaryPanel view={c.analysis} durationSec={c.recording?.durationSec ?? 0} />
                <ScorecardPanel view={c.analysis} review={c.review} onEvidence={goTo} />
                <CompliancePanel view={c.analysis} review={c.review} onEvidence={goTo} />
              </>
            ) : (
              <section className="card muted" aria-label="Scorecard">Analysing… the scorecard appears when the analyze step is done.</section>
            )}
            <CommentsPanel />
            <EgressPanel />
            <AuditPanel />
          </div>
        </div>
      ) : null}
    </div>
  );
}
