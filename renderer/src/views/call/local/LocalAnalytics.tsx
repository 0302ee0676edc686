import { useEffect } from 'react';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { MetricsPanel } from './MetricsPanel.js';
import { PiiPanel } from './PiiPanel.js';
import { RulesPanel } from './RulesPanel.js';
import { useLocalAnalytics } from './local-store.js';
import './local.css';

/**
 * Everything computed on this machine for one call, shown whether or not a provider is configured:
 * metrics from the audio (at once), PII and rule checks once a transcript exists. `onSeek` is the
 * call view's "go to this moment" (the same as scorecard evidence chips).
 */
export function LocalAnalytics({ id, onSeek }: { id: number | null; onSeek: (sec: number) => void }) {
  const s = useLocalAnalytics();
  useEffect(() => {
    if (id !== null) useLocalAnalytics.getState().open(id);
    return () => useLocalAnalytics.getState().close();
  }, [id]);
  if (id === null) return null;
  return (
    <div className="local-analytics" aria-label="Offline analytics">
      {s.error ? <ErrorBanner error={s.error} /> : null}
      {s.metrics ? <MetricsPanel m={s.metrics} /> : null}
      {s.checks && s.checks.status !== 'no_transcript' ? <RulesPanel checks={s.checks} onSeek={onSeek} /> : null}
      {s.pii && s.pii.status !== 'no_transcript' ? <PiiPanel key={s.pii.recordingId} pii={s.pii} onSeek={onSeek} /> : null}
    </div>
  );
}
