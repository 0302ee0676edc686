// Exports bench (issue 8): CSV and XLSX export throughput for 50,000 seeded calls, each measured in a
// child process that reports its own time and peak RSS growth, against a baseline measured in the
// same run: the same join read raw with `stmt.iterate()` and nothing else (the floor any export has).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ExportCursorDao } from '../../db/dao/export-cursor-dao.js';
import type { AppDatabase } from '../../db/open.js';
import { seedCalls } from '../helpers/seed-calls.js';
import { repoRoot } from '../helpers/serve-process.js';
import { tempCore } from '../unit/exports/helpers/temp-core.js';
import type { BenchRow } from './bench-row.js';

const N = Number(process.env.CCA_BENCH_EXPORT_CALLS ?? 50_000);

interface ChildResult { rows: number; ms: number; growthMb: number; bytes: number }

function child(dbFile: string, out: string, format: 'csv' | 'xlsx'): ChildResult {
  const line = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(repoRoot, 'tests/unit/exports/helpers/rss-child.ts'), dbFile, out, format], {
    encoding: 'utf8', cwd: repoRoot, timeout: 600_000,
  });
  return JSON.parse(line.trim().split('\n').pop()!) as ChildResult;
}

/** The floor: the export's own query read with stmt.iterate(), each row touched, nothing written. */
function baseline(db: AppDatabase): number {
  const cursor = new ExportCursorDao(db).calls({});
  const t0 = performance.now();
  let n = 0;
  for (const row of cursor.rows()) n += row.file_name.length > 0 ? 1 : 0;
  const ms = performance.now() - t0;
  cursor.close();
  if (n !== N) throw new Error(`baseline read ${n} rows, expected ${N}`);
  return ms;
}

export async function benchExports(): Promise<BenchRow[]> {
  const t = await tempCore();
  const outDir = mkdtempSync(join(tmpdir(), 'cca-bench-exports-'));
  try {
    seedCalls(t.core.db, { count: N, seed: 5, segmentsPerCall: 4, batch: 5000 });
    t.core.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const dbFile = t.core.config.paths.dbFile;
    new Database(dbFile, { readonly: true }).close();
    const baseMs = Math.min(baseline(t.core.db), baseline(t.core.db));
    const csv = child(dbFile, join(outDir, 'calls.csv'), 'csv');
    const xlsx = child(dbFile, join(outDir, 'calls.xlsx'), 'xlsx');
    const rate = (ms: number) => N / (ms / 1000);
    const rows: BenchRow[] = [];
    for (const [name, r] of [['CSV', csv], ['XLSX', xlsx]] as const) {
      rows.push({
        name: `${name} export of ${N.toLocaleString('en')} calls`, value: rate(r.ms), unit: 'calls/s',
        baselineName: 'raw stmt.iterate() + join', baseline: rate(baseMs), ratio: r.ms / baseMs,
        note: `${Math.round(r.ms)} ms, ${(r.bytes / 2 ** 20).toFixed(1)} MB written; ratio is time ÷ baseline time`,
      });
      rows.push({ name: `${name} export peak RSS growth`, value: r.growthMb, unit: 'MB', target: '< 100 MB', pass: r.growthMb < 100 });
    }
    return rows;
  } finally {
    await t.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
