import { useReports } from '../../stores/reports-store.js';
import { CsvPreview } from './CsvPreview.js';

/**
 * The preview: evidence packs in a sandboxed frame (srcdoc, scripts off: a preview must not run the
 * file's code inside the app), CSV as a table, other text formats as text, PDFs inline in the browser's own PDF viewer:
 * an <iframe> on the blob: URL of the fetched file (the CSP allows exactly `frame-src 'self' blob:`,
 * see main/server/csp.ts). The PDF frame is not sandboxed: Chromium's viewer refuses to run in a
 * sandboxed frame, and the blob is the app's own report, fetched from its own API.
 * Desktop (Electron) never gets here with a PDF: the viewer would need `plugins: true`, which stays
 * off, so the store saves PDFs through the OS save dialog instead (reports-store runPreview).
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
      {preview.kind === 'table' ? <CsvPreview text={preview.text ?? ''} /> : null}
      {preview.kind === 'text' ? <pre className="reports-text" aria-label="Report preview">{preview.text}</pre> : null}
      {preview.kind === 'pdf' && preview.url ? (
        <>
          <iframe className="reports-pdf-frame" title="Report preview" src={preview.url} />
          <p className="muted reports-pdf-alt">
            <a href={preview.url} target="_blank" rel="noreferrer">Open the PDF in a new tab</a>
          </p>
        </>
      ) : null}
    </section>
  );
}
