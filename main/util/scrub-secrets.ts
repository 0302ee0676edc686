/**
 * Removes API keys from text a provider sent back (some echo the key in their error message) before
 * it is stored in a job error, logged or returned. Two nets: every secret value registered at start
 * (exact match), and anything shaped like a key: `Bearer …`, `sk-…`, 32+ character hex/base64 runs.
 */
const known = new Set<string>();

/** Register configured secret values (API keys) so they are scrubbed wherever they appear. */
export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= 8) known.add(value);
}

const SHAPES: RegExp[] = [
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\bsk[-_][A-Za-z0-9_-]{8,}/g,
  /\b(?:xi-api-key|api[_-]?key|authorization)\s*[:=]\s*["']?[^\s"',;]{8,}/gi,
  /\b[a-f0-9]{32,}\b/gi,
  // Mixed-case base64-ish runs with digits; no '/' so long file paths are left alone.
  /(?<![A-Za-z0-9_+-])(?=[A-Za-z0-9_+-]*\d)(?=[A-Za-z0-9_+-]*[a-z])(?=[A-Za-z0-9_+-]*[A-Z])[A-Za-z0-9_+-]{32,}={0,2}/g,
];

export const REDACTED = '[redacted]';

export function scrubSecrets(text: string): string {
  let out = text;
  for (const s of known) out = out.split(s).join(REDACTED);
  for (const re of SHAPES) out = out.replace(re, REDACTED);
  return out;
}
