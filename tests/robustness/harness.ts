export { raw, type Answer } from '../helpers/raw-request.js';
export { measured } from '../helpers/measure-health.js';

export const BOUNDARY = 'robustness-boundary-7f3a';

export interface Part { field: string; filename?: string; data: Buffer | string; rawName?: Buffer }

export function multipart(parts: Part[], opts: { close?: boolean } = {}): Buffer {
  const out: Buffer[] = [];
  for (const p of parts) {
    const name = p.rawName ?? (p.filename === undefined ? Buffer.alloc(0) : Buffer.from(p.filename));
    out.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.field}"`));
    if (p.filename !== undefined || p.rawName) out.push(Buffer.from('; filename="'), name, Buffer.from('"\r\nContent-Type: application/octet-stream'));
    out.push(Buffer.from('\r\n\r\n'), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data), Buffer.from('\r\n'));
  }
  if (opts.close !== false) out.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(out);
}

export const multipartHeaders = { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` };
