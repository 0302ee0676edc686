import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppSettingsDao } from '../../db/dao/app-settings-dao.js';
import { openDatabase } from '../../db/open.js';
import { loadConfig } from '../../main/config/load-config.js';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { seedCalls, type SeededCall } from '../helpers/seed-calls.js';

/** `npm run db -- reproject` (the built CLI, as the npm script runs it after its build). */
const run = promisify(execFile);
let dataDir: string;
let dbFile: string;
let calls: SeededCall[];

const cli = (...args: string[]) =>
  run(process.execPath, ['dist/cli/db.mjs', ...args], { env: { ...process.env, CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test' }, timeout: 60_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
const open = () => openDatabase({ file: dbFile, busyTimeoutMs: 5000, readConnections: 0, slowQueryMs: 10_000, logger: pino({ level: 'silent' }) });
const score = async (id: number) => {
  const db = await open();
  try {
    return (db.sqlite.prepare('SELECT score_pct AS s FROM call_summary WHERE recording_id = ?').get(id) as { s: number | null }).s;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  ensureBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'cca-reproject-'));
  dbFile = loadConfig({ CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test' }).paths.dbFile;
  const db = await open();
  calls = seedCalls(db, { count: 3_000, seed: 5, unanalyzedEvery: 0 });
  db.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run db -- reproject', () => {
  it('resumes an interrupted run where it stopped, shows progress, and repairs what it passes', async () => {
    const early = calls[100]!;
    const late = calls[2_500]!;
    const db = await open();
    // Two corrupted records, and a run that stopped after the first 1,500 calls.
    db.sqlite.prepare('UPDATE call_summary SET score_pct = -1 WHERE recording_id IN (?, ?)').run(early.id, late.id);
    new AppSettingsDao(db).set('calls.projection.cursor', calls[1_499]!.id);
    db.close();
    const r = await cli('reproject', '--batch', '500');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^re-projected 2,000 of 3,000 calls \([\d,]+\/s\)$/);
    expect(lines.at(-1)).toMatch(/^Done: 3,000 calls re-projected in \d+\.\d s\.$/);
    expect(await score(late.id)).toBe(late.scorePct);
    expect(await score(early.id)).toBe(-1);
    // A full run (nothing left to resume) repairs the rest.
    const again = await cli('reproject');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^re-projected 1,000 of 3,000 calls/);
    expect(again.stdout).toContain('Done: 3,000 calls re-projected');
    expect(await score(early.id)).toBe(early.scorePct);
  });

  it('explains bad usage', async () => {
    const r = await cli('reproject', '--batch', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--batch must be a whole number from 1 to 100000 (got 0).');
    const u = await cli('vacuum');
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('Unknown command "vacuum".');
    expect(u.stderr).toContain('reproject [--batch N]');
  });
});
