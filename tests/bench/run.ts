// `npm run bench`: every performance figure of the issues, each with a baseline measured in the same
// run and the ratio between them. Sections are independent: one failing does not hide the others.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { printRows, type BenchRow } from './bench-row.js';
import { benchStartup } from './startup.js';

type Section = { title: string; run: () => Promise<BenchRow[]> };

/** Optional sections live in their own modules (added by the issues that own them). */
async function optional(file: string, exportName: string, title: string): Promise<Section | null> {
  if (!existsSync(join(import.meta.dirname, `${file}.ts`))) return null;
  const mod = (await import(`./${file}.js`)) as Record<string, () => Promise<unknown>>;
  const fn = mod[exportName];
  if (!fn) return null;
  return { title, run: async () => toRows(await fn()) };
}

/** Sections may return BenchRow[] already or their own row shape; normalise the common shapes. */
function toRows(result: unknown): BenchRow[] {
  const rows = Array.isArray(result) ? result : [result];
  return rows.map((r: Record<string, unknown>) => {
    if ('value' in r && 'unit' in r) return r as unknown as BenchRow;
    if ('realTimeFactor' in r) {
      // Audio rows: time, real-time factor and peak memory, against a plain ffmpeg decode.
      const t = r.targets as { realTimeFactor: number; peakRssMb: number };
      return {
        name: String(r.name), value: Number(r.seconds), unit: 's', baselineName: String(r.baselineName), baseline: Number(r.baselineSeconds),
        ratio: Number(r.ratioToBaseline), target: `≥ ${t.realTimeFactor}× real time, ≤ ${t.peakRssMb} MB`, pass: Boolean(r.meetsTargets),
        note: `${Math.round(Number(r.realTimeFactor))}× real time, peak RSS ${Number(r.peakRssMb).toFixed(1)} MB`,
      };
    }
    return { name: String(r.name ?? 'figure'), value: Number(r.seconds ?? r.value ?? 0), unit: 's', note: JSON.stringify(r) };
  });
}

// `--strict`: a figure that misses its target fails the run (exit 1), so a regression is seen where
// it is made. Other arguments pick sections by name (`npm run bench -- start queue`).
const strict = process.argv.includes('--strict');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const sections = [
  { title: 'Start-up (issue 2)', run: () => benchStartup() },
  await optional('import', 'benchImport', 'Import (issue 3)'),
  await optional('queue', 'benchQueue', 'Queue (issue 4)'),
  await optional('audio-metrics', 'benchAudioMetrics', 'Local audio metrics (issue 6)'),
  await optional('review', 'benchReview', 'Review workspace (issue 7)'),
  await optional('call-detail', 'benchCallDetail', 'Call detail (issue 7)'),
  await optional('calls-scroll', 'benchCallsScroll', 'Calls scroll (issue 7)'),
  await optional('exports', 'benchExports', 'Exports (issue 8)'),
  await optional('hostile', 'benchHostile', 'Hostile input (issue 11)'),
  await optional('observability', 'benchObservability', 'Observability (issue 13)'),
  await optional('tracing', 'benchTracing', 'Tracing overhead (issue 13)'),
  await optional('auth', 'benchAuth', 'Sign-in (issue 14)'),
  await optional('evidence', 'benchEvidence', 'Evidence matching (issue 17)'),
  await optional('projection', 'benchProjection', 'Call projection (issue 31)'),
  await optional('team', 'benchTeam', 'Team server (issue 32)'),
].filter((s): s is Section => !!s && (!only.length || only.some((o) => s.title.toLowerCase().includes(o.toLowerCase()))));

let failed = 0;
const missed: string[] = [];
for (const s of sections) {
  try {
    const rows = await s.run();
    printRows(s.title, rows);
    for (const r of rows) if (r.pass === false) missed.push(`${s.title}: ${r.name}${r.target ? ` (target ${r.target})` : ''}`);
  } catch (e) {
    failed++;
    process.stdout.write(`\n## ${s.title}\n- failed: ${(e as Error).stack ?? String(e)}\n`);
  }
}
if (missed.length) process.stdout.write(`\n${missed.length} figure(s) missed their target:\n${missed.map((m) => `- ${m}`).join('\n')}\n`);
process.exit(failed || (strict && missed.length) ? 1 : 0);
