/**
 * Strict CSP for the renderer, the same in browser mode and Electron: only this origin, no inline
 * script, no eval, no framing, no plugins.
 */
export const rendererCsp =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "media-src 'self' blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; " +
  "frame-ancestors 'none'; form-action 'none'";
