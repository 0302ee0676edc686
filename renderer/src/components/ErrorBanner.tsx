import type { ErrorInfo } from '../../../preload/contract/index.js';

/** An error as the app speaks it everywhere: what happened, and what to do about it. */
export function ErrorBanner({ error, onRetry }: { error: ErrorInfo; onRetry?: () => unknown }) {
  return (
    <div className="error-banner" role="alert">
      <strong>{error.message}</strong>
      {error.hint ? <span className="hint">{error.hint}</span> : null}
      {onRetry ? (
        <button type="button" className="btn" onClick={() => void onRetry()}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
