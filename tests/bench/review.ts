import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { listSql, type ListQuery } from '../../db/dao/calls-dao.js';
import { DashboardDao, dashboardSql, type DashboardQuery } from '../../db/dao/dashboard-dao.js';
import { FtsDao, toFtsQuery } from '../../db/dao/fts-dao.js';
import { loadConfig } from '../../main/config/load-config.js';
import { buildCore } from '../../main/core.js';
import { medianMs, type BenchRow } from './bench-row.js';
import { seedCalls } from '../helpers/seed-calls.js';

/**
 * Review workspace on 50,000 calls seeded through the DAOs (so the triggers that feed call_summary,
 * call_criteria and the FTS index run as in production). Each figure is the median of repeated runs,
 * measured the way the app serves it (through the contract registry: validation, DAO, snippets,
 * output check) and compared with the same SQL run directly on a raw better-sqlite3 connection in the
 * same process: the ratio is what the app's layers cost on top of SQLite.
 */

const CALLS = Number(process.env.BENCH_CALLS ?? 50_000);
const RUNS = 25;
const NEEDLE = 'my parakeet swallowed the router';

const timeMs = (fn: () => unknown, runs = RUNS) => medianMs(fn, runs);

const row = (name: string, value: number, baselineName: string, baseline: number, targetMs: number, note?: string): BenchRow => ({
  name, value, unit: 'ms', baselineName, baseline, ratio: value / baseline, target: `≤ ${targetMs} ms`, pass: value <= targetMs, note,
});

export async function benchReview(): Promise<BenchRow[]> {
  // BENCH_REVIEW_DIR: reuse a data dir seeded by an earlier run (iterating on queries); else a fresh one.
  const reuse = process.env.BENCH_REVIEW_DIR;
  const dataDir = reuse ?? mkdtempSync(join(tmpdir(), 'cca-bench-review-'));
  const config = loadConfig({ CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test' });
  const core = await buildCore({ config, mode: 'browser', logger: pino({ level: 'silent' }) });
  await core.queue.stop();
  const rows: BenchRow[] = [];
  try {
    if (!reuse) {
      const t0 = performance.now();
      seedCalls(core.db, { count: CALLS, seed: 2024, needles: { [Math.floor(CALLS / 3)]: NEEDLE }, unanalyzedEvery: 12, days: 180 });
      const seedSec = (performance.now() - t0) / 1000;
      rows.push({ name: `seed ${CALLS.toLocaleString('en')} calls through the DAOs (recording + transcript + analysis)`, value: seedSec, unit: 's' });
    }
    core.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');

    const raw = new Database(config.paths.dbFile, { readonly: true });
    const invoke = async (name: string, input: unknown) => {
      const r = await core.registry.invoke(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value;
    };
    const rawList = (q: ListQuery) => {
      const s = listSql(q, q.q ? toFtsQuery(q.q) : null);
      const a = raw.prepare(s.sql);
      const c = raw.prepare(s.countSql);
      return () => {
        a.all(s.params);
        c.get(s.countParams);
      };
    };
    const base: ListQuery = { sort: 'date', dir: 'desc', limit: 50, offset: 0 };

    const lists: [string, Partial<ListQuery>][] = [
      ['calls list first page (date ↓)', {}],
      ['calls list first page, sorted by score ↑', { sort: 'score', dir: 'asc' }],
      ['calls list first page, agent filter + score range', { agent: 'dana', minScore: 40, maxScore: 90 }],
      [`calls list page at offset ${Math.floor(CALLS / 2).toLocaleString('en')} (scrolled half-way)`, { offset: Math.floor(CALLS / 2) }],
    ];
    for (const [name, patch] of lists) {
      const q = { ...base, ...patch };
      rows.push(row(name, await timeMs(() => invoke('calls.list', q)), 'raw SQL (page + count)', await timeMs(rawList(q)), 50));
    }

    const searches: [string, string][] = [
      ['FTS search, rare phrase (1 call), top 50 with snippets', 'parakeet swallowed the router'],
      ['FTS search, common phrase (thousands of calls), exact, top 50 with snippets', '"charged twice"'],
      ['FTS search, common phrase as typed (prefix on the last word), top 50 with snippets', 'charged twice'],
      ['FTS search while typing, partial last word, top 50 with snippets', 'cancel my subsc'],
    ];
    for (const [name, text] of searches) {
      const q = { ...base, q: text };
      const ms = await timeMs(() => invoke('calls.list', q));
      // Baseline: the same page SQL (total included) plus the same per-row snippet() lookups.
      // Same choice as the app: the exact phrase when it matches, else the prefix form.
      const typed = toFtsQuery(text)!;
      const exists = raw.prepare('SELECT 1 FROM transcript_fts WHERE transcript_fts MATCH ? LIMIT 1');
      const match = typed.endsWith(' *') && exists.get(typed.slice(0, -2)) ? typed.slice(0, -2) : typed;
      const s = listSql(q, match);
      const snip = raw.prepare(`SELECT snippet(transcript_fts, 0, char(1), char(2), '…', 16) FROM transcript_fts WHERE transcript_fts MATCH ? AND rowid = ?`);
      const page = raw.prepare(s.sql);
      const rawMs = await timeMs(() => {
        for (const r of page.all(s.params) as { hitRowid: number }[]) snip.get(match, r.hitRowid);
      });
      rows.push(row(name, ms, 'raw SQL (FTS page + snippets)', rawMs, 50));
    }
    const fts = new FtsDao(core.db);
    const rank = raw.prepare(`SELECT recording_id, start_sec, role, snippet(transcript_fts, 0, char(1), char(2), '…', 16) FROM transcript_fts WHERE transcript_fts MATCH ? ORDER BY rank LIMIT 50`);
    rows.push(row('FTS top 50 by relevance (bm25), common phrase', await timeMs(() => fts.top('charged twice', 50)), 'raw SQL', await timeMs(() => rank.all(toFtsQuery('charged twice'))), 50));

    const dash = new DashboardDao(core.db);
    const sql = dashboardSql();
    const methods: Record<DashboardQuery, () => unknown> = {
      scoreDistribution: () => dash.scoreDistribution(),
      agentScoreOverTime: () => dash.agentScoreOverTime(),
      criterionPassRate: () => dash.criterionPassRate(),
      criterionSupport: () => dash.criterionSupport(),
      overrideRate: () => dash.overrideRate(),
      topReasons: () => dash.topReasons(),
      outcomes: () => dash.outcomes(),
      sentimentTrend: () => dash.sentimentTrend(),
      costPerDay: () => dash.costPerDay(),
    };
    for (const [name, fn] of Object.entries(methods) as [DashboardQuery, () => unknown][]) {
      const stmt = raw.prepare(sql[name].sql);
      rows.push(row(`dashboard: ${name}`, await timeMs(fn, 10), 'raw SQL', await timeMs(() => stmt.all(sql[name].params), 10), 200));
    }
    raw.close();
  } finally {
    await core.close();
    if (!reuse) rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
