import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../main/config/load-config.js';
import { buildCore } from '../../main/core.js';
import { seedCalls } from '../helpers/seed-calls.js';
import { medianMs, type BenchRow } from './bench-row.js';

/**
 * `/metrics` (issue 13) on a library of 50,000 calls with their 300,000 pipeline jobs: what a
 * Prometheus scrape costs — the registry's text with the jobs gauge read from the database, the
 * default Node metrics and every histogram — against the one query the gauge cannot avoid (jobs per
 * step and state on a raw connection), same run.
 */
const CALLS = Number(process.env.BENCH_CALLS ?? 50_000);

export async function benchObservability(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cca-bench-metrics-'));
  const config = loadConfig({ CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test' });
  const core = await buildCore({ config, mode: 'browser', logger: pino({ level: 'silent' }) });
  await core.queue.stop();
  try {
    seedCalls(core.db, { count: CALLS, seed: 13, days: 90 });
    core.db.sqlite.exec(`INSERT INTO jobs (recording_id, step, state, created_at, updated_at)
      SELECT r.id, s.value, 'done', 0, 0 FROM recordings r, json_each('["probe","transcribe","analyze","metrics","local_analysis","index"]') s`);
    core.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    // Some traffic in every family, as after a working day.
    for (let i = 0; i < 200; i++) {
      core.observability.metrics.httpRequestDuration.observe({ method: 'GET', route: '/api/v1/calls', status: '200' }, 0.004);
      core.observability.metrics.stepDuration.observe({ step: 'transcribe', provider: 'elevenlabs', outcome: 'done' }, 3);
    }
    const registry = core.observability.metrics.registry;
    const raw = new Database(config.paths.dbFile, { readonly: true });
    const time = (fn: () => unknown) => medianMs(fn, 30);
    let size = 0;
    const scrape = await time(async () => (size = (await registry.metrics()).length));
    const groupBy = raw.prepare('SELECT step, state, COUNT(*) AS n FROM jobs GROUP BY state, step');
    const baseline = await time(() => groupBy.all());
    raw.close();
    return [{
      name: `/metrics scrape, ${CALLS.toLocaleString('en')} calls / ${(CALLS * 6).toLocaleString('en')} jobs (median of 30)`, value: scrape, unit: 'ms',
      baselineName: 'jobs per step and state, raw SQL', baseline, ratio: scrape / baseline, target: '≤ 20 ms', pass: scrape <= 20,
      note: `${Math.round(size / 1024)} KB of text`,
    }];
  } finally {
    await core.close();
  }
}
