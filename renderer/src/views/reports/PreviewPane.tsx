import { useReports } from '../../stores/reports-store.js';

/**
 * The preview: evidence packs in a sandboxed frame (srcdoc, scripts off: a preview must not run the
 * file's code inside the app), text formats as text, PDFs through the browser's own viewer in a new
 * tab (the app's CSP allows no blob: frames, so a PDF cannot be embedded in this page).
 */
export function PreviewPane() {
  const preview = useReports((s) => s.preview);
  if (!preview) {
    return (
      <section className="card reports-preview empty" aria-label="Preview">
        <p className="muted">Choose a report and press Preview.</p>
      </section>
    );
  }
  return (
    <section className="card reports-preview" aria-label="Preview">
      <header className="reports-preview-head">
        <strong>{preview.fileName}</strong>
      </header>
      {preview.kind === 'html' ? <iframe title="Report preview" sandbox="" srcDoc={preview.text ?? ''} /> : null}
      {preview.kind === 'text' ? <pre className="reports-text" aria-label="Report preview">{preview.text}</pre> : null}
      {preview.kind === 'pdf' && preview.url ? (
        <div className="reports-pdf">
          <p>The PDF is ready.</p>
          <a className="btn primary" href={preview.url} target="_blank" rel="noreferrer">Open preview in a new tab</a>
        </div>
      ) : null}
    </section>
  );
}
