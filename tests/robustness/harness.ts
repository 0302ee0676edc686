import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { ServedApp } from '../helpers/serve-process.js';

/** Raw HTTP against the served app (fetch cannot send cut-off bodies or hostile header bytes). */
export interface Answer { status: number; body: any; closed?: string }

export function raw(app: ServedApp, method: string, path: string, headers: Record<string, string>, body: Buffer | Buffer[], opts: { end?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: app.port, method, path, headers: { Authorization: `Bearer ${app.token}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON: the assertion shows the text
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
      res.on('error', (e) => resolve({ status: res.statusCode ?? 0, body: null, closed: e.message }));
    });
    req.on('error', (e) => resolve({ status: 0, body: null, closed: e.message }));
    // No answer in 20 s is a finding (the server left the request hanging), not a reason to stall the suite.
    req.setTimeout(20_000, () => req.destroy(new Error('no answer within 20 s')));
    for (const b of Array.isArray(body) ? body : [body]) req.write(b);
    // A cut-off upload: the client stops mid-part and half-closes; the server must answer or close.
    if (opts.end !== false) req.end();
    else req.socket?.end();
  });
}

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

export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** While `work` runs: health polled every 100 ms (max latency) and RSS sampled (peak growth). */
export async function measured<T>(app: ServedApp, work: () => Promise<T>): Promise<{ value: T; maxHealthMs: number; rssGrowthMb: number; healthFailures: number }> {
  const pid = app.proc.pid!;
  const base = rssMb(pid);
  let peak = base;
  let maxHealthMs = 0;
  let healthFailures = 0;
  let running = true;
  const poll = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const res = await app.api('/api/v1/health', { signal: AbortSignal.timeout(5000) });
        await res.arrayBuffer();
        if (!res.ok) healthFailures++;
      } catch {
        healthFailures++;
      }
      maxHealthMs = Math.max(maxHealthMs, performance.now() - t0);
      try {
        peak = Math.max(peak, rssMb(pid));
      } catch {
        // process gone: the caller's liveness check reports it
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    const value = await work();
    return { value, maxHealthMs: Math.round(maxHealthMs), rssGrowthMb: Math.round(peak - base), healthFailures };
  } finally {
    running = false;
    await poll;
  }
}
