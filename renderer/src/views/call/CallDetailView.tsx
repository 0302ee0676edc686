import { useChangeBlocked } from '../../stores/session-store.js';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCalls } from '../../stores/calls-store.js';
import { useCallKeys } from './use-call-keys.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { callIdFromHash, useCall } from '../../stores/call-store.js';
import { ViewHeader } from '../ViewHeader.js';
import { LocalAnalytics } from './local/LocalAnalytics.js';
import { Player } from './player/Player.js';
import { usePlayer } from './player-store.js';
import { AuditPanel } from './review/AuditPanel.js';
import { CommentsPanel } from './review/CommentsPanel.js';
import { DisputesPanel } from './review/DisputesPanel.js';
import { CompliancePanel } from './scorecard/CompliancePanel.js';
import { ScorecardPanel } from './scorecard/ScorecardPanel.js';
import { SummaryPanel } from './SummaryPanel.js';
import { TranscriptPanel } from './transcript/TranscriptPanel.js';
import './call.css';
import { ReanalyzeButton } from './ReanalyzeButton.js';
import { MetadataPanel } from './MetadataPanel.js';
import { EgressPanel } from './EgressPanel.js';
import { ExportMenu } from './ExportMenu.js';
import { AcknowledgeButton } from './AcknowledgeButton.js';
import { useSession } from '../../stores/session-store.js';
import { clock, dateTime } from '../../../../preload/contract/time-format.js';

/**
 * One call (`#/calls/<id>`), the reviewer's workspace: the player on top, the transcript synced to it
 * on the left, summary, scorecard (with overrides), comments and the audit trail on the right. Every
 * "go to this moment" (evidence chip, rule finding, comment, word) seeks the audio and scrolls the
 * transcript there.
 */
export function CallDetailView() {
  const c = useCall();
  const blocked = useChangeBlocked();
  const isAgent = useSession((s) => s.me?.role === 'agent');
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
  const goTo = useCallback((sec: number, play?: boolean) => {
    usePlayer.getState().seek(sec, play);
    setFocus((f) => ({ sec, n: (f?.n ?? 0) + 1 }));
  }, []);

  const title = c.recording?.fileName ?? (c.id !== null ? `Call #${c.id}` : 'Call');
  const subtitle = c.recording
    ? [c.recording.metadata.agent && `Agent ${c.recording.metadata.agent}`, c.recording.metadata.callTime ? dateTime(c.recording.metadata.callTime) : `No call time; imported ${dateTime(c.recording.importedAt)}`, clock(c.recording.durationSec)].filter(Boolean).join(' · ')
    : undefined;
  const reviewed = c.review?.reviewed ?? false;
  const [confirmUnreview, setConfirmUnreview] = useState(false);
  // Neighbours in the Calls list's order and filter (re-read as the list loads more rows).
  const nav = useCalls(useShallow((s) => (c.id !== null ? s.neighbours(c.id) : null)));
  useEffect(() => {
    // The last loaded row: load the next page so "next" has somewhere to go.
    if (nav && nav.next === null && nav.total !== null && nav.index + 1 < nav.total) useCalls.getState().ensureRange(nav.index + 1, nav.index + 100);
  }, [nav]);
  const go = useCallback((id: number | null | undefined) => {
    if (id === null || id === undefined) return;
    useCalls.getState().opened(id);
    window.location.hash = `#/calls/${id}`;
  }, []);
  const actions = useMemo(() => ({
    prev: () => go(nav?.prev),
    next: () => go(nav?.next),
    reviewAndNext: () => {
      if (blocked || !c.review) return;
      void (reviewed ? Promise.resolve(true) : c.setReviewed(true)).then((ok) => {
        if (!ok) return;
        if (nav?.next) go(nav.next);
        else window.location.hash = '#/calls';
      });
    },
  }), [go, nav, blocked, c, reviewed]);
  useCallKeys(actions);
  const heading = useRef<HTMLDivElement>(null);
  // A call that opens puts the keyboard at its heading, so Tab continues from the top of this call.
  useEffect(() => {
    if (c.recording) heading.current?.querySelector('h1')?.focus();
  }, [c.recording?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="call-view" ref={heading}>
      <ViewHeader
        title={title}
        subtitle={subtitle}
        actions={
          <>
            <a className="btn" href="#/calls">All calls</a>
            <span className="call-nav" role="group" aria-label="Calls in the list">
              <button type="button" className="btn" disabled={!nav?.prev} onClick={actions.prev} aria-label="Previous call" title="Previous call ([)">‹</button>
              {nav ? <span className="muted small call-pos">{nav.index + 1} of {nav.total ?? '…'}</span> : null}
              <button type="button" className="btn" disabled={!nav?.next} onClick={actions.next} aria-label="Next call" title="Next call (])">›</button>
            </span>
            {c.id !== null && c.analysis ? <ExportMenu id={c.id} /> : null}
            <ReanalyzeButton />
            {/* An agent does not review; they acknowledge a reviewed scorecard. */}
            {isAgent ? <AcknowledgeButton /> : null}
            {isAgent ? null : confirmUnreview ? (
              // Un-reviewing puts the call back in everyone's queue: one more click to be sure.
              <span className="call-confirm" role="group" aria-label="Mark not reviewed?">
                <span className="small">Mark not reviewed?</span>
                <button type="button" className="btn" onClick={() => { setConfirmUnreview(false); void c.setReviewed(false); }}>Yes</button>
                <button type="button" className="btn ghost" autoFocus onClick={() => setConfirmUnreview(false)}>Keep reviewed</button>
              </span>
            ) : (
              <button type="button" className={`btn ${reviewed ? 'ok' : ''}`} aria-pressed={reviewed} disabled={!c.review || c.busy || !!blocked}
                onClick={() => (reviewed ? setConfirmUnreview(true) : void c.setReviewed(true))} title={blocked ?? (c.review?.reviewedAt ? `Reviewed by ${c.review.reviewedBy} on ${dateTime(c.review.reviewedAt)}` : undefined)}>
                {reviewed ? '✓ Reviewed' : 'Mark reviewed'}
              </button>
            )}
            {isAgent ? null : (
              <button type="button" className="btn primary" disabled={!c.review || c.busy || !!blocked} onClick={actions.reviewAndNext}
                title={blocked ?? 'Mark reviewed and open the next call in the list (m)'}>
                {nav?.next ? 'Reviewed & next' : 'Reviewed & back to list'}
              </button>
            )}
          </>
        }
      />
      {c.error ? <ErrorBanner error={c.error} /> : null}
      {c.id !== null && c.recording ? <Player id={c.id} /> : <div className="skeleton player-skeleton" aria-busy="true" aria-label="Loading player" />}
      {/* What the reviewer needs now and then, folded away so transcript and scorecard start right under the player. */}
      <details className="call-strip">
        <summary>Call details, talk time, rule checks and personal data</summary>
        <MetadataPanel />
        <LocalAnalytics id={c.id} onSeek={goTo} />
      </details>
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
                <SummaryPanel view={c.analysis} review={c.review} durationSec={c.recording?.durationSec ?? 0} />
                <ScorecardPanel view={c.analysis} review={c.review} onEvidence={goTo} />
                <CompliancePanel view={c.analysis} review={c.review} onEvidence={goTo} />
              </>
            ) : (
              <section className="card muted" aria-label="Scorecard">
                {/* Refused (a call scored blind in calibration, say): the banner above says why; not "analysing". */}
                {c.error?.category === 'forbidden' ? 'The scorecard is not shown to you: see the message above.' : 'Analysing… the scorecard appears when the analyze step is done.'}
              </section>
            )}
            <DisputesPanel onSeek={goTo} />
            <CommentsPanel />
            {isAgent ? null : <EgressPanel />}
            {isAgent ? null : <AuditPanel />}
          </div>
        </div>
      ) : null}
    </div>
  );
}
