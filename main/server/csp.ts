/**
 * Strict CSP for the renderer, the same in browser mode and Electron: only this origin, no inline
 * script, no eval, no plugins, and nobody may frame the app (frame-ancestors 'none').
 *
 * frame-src 'self' blob: is the one opening, for the Reports view's inline PDF preview: the PDF is
 * fetched with the session token and shown in an <iframe> on a blob: URL the page itself made
 * (URL.createObjectURL), so only same-origin documents and the page's own blobs can be framed, never
 * a remote site. object-src stays 'none': the preview is an <iframe>, not an <object>/<embed>, and
 * Chromium's PDF viewer renders a framed blob: PDF with object-src 'none' (checked in Chromium 156 by
 * tests/e2e/reports.spec.ts, which also asserts no CSP violation is reported). The evidence
 * pack preview is an <iframe srcdoc sandbox> (about:srcdoc, covered by 'self' framing rules).
 * In Electron the PDF viewer would need webPreferences.plugins: true, which stays off (security), so
 * the desktop app saves PDFs through the OS save dialog instead of previewing them (reports-store).
 */
export const rendererCsp =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "media-src 'self' blob:; connect-src 'self'; font-src 'self' data:; frame-src 'self' blob:; object-src 'none'; base-uri 'none'; " +
  "frame-ancestors 'none'; form-action 'none'";
