import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCalls } from '../helpers/seed-calls.js';
import { repoRoot } from '../helpers/serve-process.js';
import { tempCore } from '../unit/exports/helpers/temp-core.js';

/**
 * Streaming: 50,000 seeded calls exported to CSV by a child process that measures its own RSS.
 * The export reads a DB cursor and waits for the file to drain, so growth stays far below the size
 * of the file (which is tens of MB) and under the 100 MB budget.
 */
const N = 50_000;
let t: Awaited<ReturnType<typeof tempCore>>;
let dbFile: string;
const outDir = mkdtempSync(join(tmpdir(), 'cca-export-rss-'));

beforeAll(async () => {
  t = await tempCore();
  seedCalls(t.core.db, { count: N, seed: 11, segmentsPerCall: 4, batch: 5000 });
  t.core.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  dbFile = t.core.config.paths.dbFile;
}, 600_000);
afterAll(async () => {
  await t.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe('streaming export', () => {
  it(`CSV of ${N.toLocaleString('en')} calls: peak RSS growth < 100 MB`, () => {
    const file = join(outDir, 'calls.csv');
    const line = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(repoRoot, 'tests/unit/exports/helpers/rss-child.ts'), dbFile, file, 'csv'], { encoding: 'utf8', cwd: repoRoot, timeout: 240_000 });
    const r = JSON.parse(line.trim().split('\n').pop()!) as { rows: number; ms: number; growthMb: number; bytes: number };
    console.log(`CSV ${r.rows} rows, ${(r.bytes / 2 ** 20).toFixed(1)} MB in ${Math.round(r.ms)} ms, RSS growth ${r.growthMb.toFixed(1)} MB`);
    expect(r.rows).toBe(N);
    expect(statSync(file).size).toBe(r.bytes);
    expect(r.growthMb).toBeLessThan(100);
  }, 300_000);

  it(`XLSX of ${N.toLocaleString('en')} calls: peak RSS growth < 100 MB (exceljs backlog bounded)`, () => {
    const file = join(outDir, 'calls.xlsx');
    const line = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(repoRoot, 'tests/unit/exports/helpers/rss-child.ts'), dbFile, file, 'xlsx'], { encoding: 'utf8', cwd: repoRoot, timeout: 240_000 });
    const r = JSON.parse(line.trim().split('\n').pop()!) as { rows: number; ms: number; growthMb: number; bytes: number };
    console.log(`XLSX ${r.rows} rows, ${(r.bytes / 2 ** 20).toFixed(1)} MB in ${Math.round(r.ms)} ms, RSS growth ${r.growthMb.toFixed(1)} MB`);
    expect(r.rows).toBe(N);
    expect(r.growthMb).toBeLessThan(100);
  }, 300_000);
});
