import { readFileSync } from 'node:fs';
import type { ServedApp } from './serve-process.js';

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
