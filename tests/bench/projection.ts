import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { AppSettingsDao } from '../../db/dao/app-settings-dao.js';
import { openDatabase } from '../../db/open.js';
import { seedCalls } from '../helpers/seed-calls.js';
import { projectionFor } from '../helpers/project-calls.js';
import type { BenchRow } from './bench-row.js';

/**
 * Issue 31: bulk re-projection (`npm run db -- reproject`, and the start-up after a projection
 * change) over seeded calls with transcripts, analyses and 8-criterion scorecards. Baseline in the
 * same run: reading the same sources with the same statements and parsing each analysis (what any
 * re-projection must at least do). The trigger-based refresh this replaced (migrations 0005/0008/
 * 0016, CallsDao.refreshSummary) did 7,579–7,971 calls/s on the same kind of data on this machine
 * (20,000 seeded calls, measured before the change at f7d7b1d); it computed less (no needs-review,
 * evidence counts or labels).
 */
const CALLS = 20_000;

export async function benchProjection(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cca-bench-projection-'));
  const db = await openDatabase({ file: join(dir, 'cca.sqlite'), busyTimeoutMs: 5000, readConnections: 0, slowQueryMs: 10_000, logger: pino({ level: 'silent' }) });
  try {
    const calls = seedCalls(db, { count: CALLS, seed: 31, unanalyzedEvery: 10, batch: 2_000 });
    const projection = projectionFor(db);
    const stored = new AppSettingsDao(db);
    const rates: number[] = [];
    for (let run = 0; run < 3; run++) {
      stored.delete('calls.projection.version');
      const t0 = performance.now();
      const { done } = await projection.reprojectAll({ batch: 1_000 });
      rates.push(done / ((performance.now() - t0) / 1000));
    }
    const read = db.sqlite.prepare('SELECT body FROM analyses WHERE recording_id = ? ORDER BY id DESC LIMIT 1');
    const others = ['SELECT call_time FROM recordings WHERE id = ?', 'SELECT state FROM jobs WHERE recording_id = ?', 'SELECT cost_usd FROM transcripts WHERE recording_id = ?',
      'SELECT answer FROM review_overrides WHERE recording_id = ?', 'SELECT reviewed FROM review_state WHERE recording_id = ?', 'SELECT score FROM transcript_quality WHERE recording_id = ?',
      'SELECT pii_found FROM transcript_findings WHERE recording_id = ?'].map((sql) => db.sqlite.prepare(sql));
    const t1 = performance.now();
    for (const c of calls) {
      const row = read.get(c.id) as { body: string } | undefined;
      if (row) JSON.parse(row.body);
      for (const s of others) s.all(c.id);
    }
    const baseline = calls.length / ((performance.now() - t1) / 1000);
    const value = Math.max(...rates);
    return [{
      name: `re-project ${CALLS.toLocaleString('en')} calls (best of 3)`, value: Math.round(value), unit: 'calls/s',
      baselineName: 'read + parse the same sources', baseline: Math.round(baseline), ratio: Math.round((value / baseline) * 100) / 100,
      target: '≥ 5,000 calls/s', pass: value >= 5_000,
      note: `runs: ${rates.map((r) => Math.round(r).toLocaleString('en')).join(', ')} calls/s; the trigger-based refresh it replaced: ~7,600 calls/s (measured before the change)`,
    }];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
