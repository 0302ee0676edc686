import { useApp } from '../stores/app-store.js';

export function Toasts() {
  const { toasts, dismiss } = useApp();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.level}`}>
          <div>
            <strong>{t.message}</strong>
            {t.error?.hint ? <div className="hint">{t.error.hint}</div> : null}
          </div>
          <button type="button" className="btn ghost" aria-label="Dismiss notification" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
