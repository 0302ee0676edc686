import { readFileSync } from 'node:fs';
import type { ServedApp } from '../helpers/serve-process.js';
export { raw, type Answer } from '../helpers/raw-request.js';

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
    running = false;
    await poll; // its last health request counts too
    return { value, maxHealthMs: Math.round(maxHealthMs), rssGrowthMb: Math.round(peak - base), healthFailures };
  } finally {
    running = false;
    await poll;
  }
}
