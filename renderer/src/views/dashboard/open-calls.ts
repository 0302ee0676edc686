import type { CallFilter } from '../../../../preload/contract/schemas/calls.js';

/**
 * Open the Calls view filtered to what a chart element stands for, through the route the Calls store
 * reads (`#/calls?agent=dana&minScore=80`, see calls-store.ts filterFromHash). The dashboard's date
 * range always comes along.
 */
export function openCalls(filter: CallFilter, range: { from: string; to: string }): void {
  const f: Record<string, string> = {};
  if (range.from) f.from = range.from;
  if (range.to) f.to = range.to;
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') f[k] = String(v);
  window.location.hash = `#/calls?${new URLSearchParams(f).toString()}`;
}

/** The Sunday after a week's Monday (agent scores are grouped by ISO-ish week starting Monday). */
export function weekEnd(monday: string): string {
  const d = new Date(`${monday}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 6);
  return d.toISOString().slice(0, 10);
}
