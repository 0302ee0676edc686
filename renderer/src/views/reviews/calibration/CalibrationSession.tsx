import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { modeOf, useCalibration } from '../../../stores/calibration-store.js';
import { CalibrationResultsPanel } from './CalibrationResultsPanel.js';
import { ScoreCalibration } from './ScoreCalibration.js';

/** One session: scoring while the caller still has scores to give, the results once they are theirs. */
export function CalibrationSession() {
  const { detail, error, open, openId } = useCalibration();
  const back = <button type="button" className="btn small" onClick={() => void open(null)}>← All sessions</button>;
  if (!detail) {
    return (
      <div className="reviews-grid">
        <div>{back}</div>
        {error ? <ErrorBanner error={error} onRetry={() => open(openId)} /> : <div className="skeleton small-skeleton" aria-busy="true" />}
      </div>
    );
  }
  const mode = modeOf(detail);
  return (
    <div className="reviews-grid">
      <div className="cal-title">
        {back}
        <h2>{detail.name}</h2>
        <span className="muted small">{detail.rubricName} v{detail.rubricVersion} · {detail.calls} calls{detail.dueOn ? ` · due ${detail.dueOn}` : ''} · led by {detail.createdBy}</span>
      </div>
      {error ? <ErrorBanner error={error} /> : null}
      {mode === 'score' ? <ScoreCalibration /> : mode === 'results' ? <CalibrationResultsPanel /> : (
        <section className="card muted" aria-label="Results">
          {detail.status === 'closed' ? 'This session was closed before you submitted your scores.' : 'The results are for the session\'s lead and the reviewers who scored it.'}
        </section>
      )}
    </div>
  );
}
