import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type Database from 'better-sqlite3';
import pino from 'pino';
import { openDatabase } from '../../db/open.js';
import { stepNames } from '../../preload/contract/schemas/queue.js';
import { seedCalls } from '../helpers/seed-calls.js';
import { startServedApp } from '../helpers/serve-process.js';
import type { BenchRow } from './bench-row.js';

/**
 * "Scroll through 50,000 rows without frames over 50 ms": real Chromium against the built server with
 * 50,000 calls seeded through the DAOs. The Calls table's scroller is moved from top to bottom in
 * fixed steps, one step per animation frame (like dragging the scrollbar fast: every frame shows rows
 * not seen before, whose pages are fetched while scrolling). Frame time = the delta between
 * consecutive requestAnimationFrame timestamps; long tasks (> 50 ms) come from a PerformanceObserver.
 *
 * Baseline, same run, same browser, same steps: a plain page with 50,000 fixed-height rows of the same
 * shape rendered once as static HTML (no React, no virtualization, no data fetching). The ratio is
 * what the app's table costs per frame on top of the browser scrolling a page that has every row.
 */

const CALLS = Number(process.env.BENCH_CALLS ?? 50_000);
const STEPS = Number(process.env.BENCH_SCROLL_STEPS ?? 1500);

interface ScrollStats { slow: [number, number][]; frames: number; max: number; p95: number; p50: number; over50: number; longTasks: number; longestTask: number; totalMs: number; reachedBottom: boolean }

/** Page code as a string: tsx's transform would inject helpers (__name) that do not exist in the page. */
const scrollScript = (selector: string, steps: number) => `new Promise((resolve) => {
  const el = document.querySelector(${JSON.stringify(selector)});
  const long = [];
  const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) long.push(e.duration); });
  try { obs.observe({ type: 'longtask', buffered: false }); } catch (e) { /* no longtask support */ }
  const deltas = [];
  let i = 0, prev = 0;
  const t0 = performance.now();
  const frame = (t) => {
    if (prev) deltas.push(t - prev);
    prev = t;
    if (i > ${steps}) {
      obs.disconnect();
      const s = [...deltas].sort((a, b) => a - b);
      const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
      resolve({ slow: deltas.map((d, k) => [k, Math.round(d)]).filter((x) => x[1] > 50), frames: s.length, max: s[s.length - 1], p95: q(0.95), p50: q(0.5), over50: s.filter((d) => d > 50).length,
        longTasks: long.length, longestTask: long.length ? Math.max(...long) : 0, totalMs: performance.now() - t0,
        reachedBottom: el.scrollTop + el.clientHeight >= el.scrollHeight - 2 });
      return;
    }
    // Step i of steps puts the scroller at i/steps of the way down (the last step is the bottom).
    el.scrollTop = Math.round(((el.scrollHeight - el.clientHeight) * i) / ${steps});
    i++;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`;

/**
 * The baseline page: the same number of rows at the same height in a scroller of the same size, as
 * static HTML (one text line per row: a page holding all 450,000 cells of the real table takes minutes
 * to scroll and would not be a baseline of anything).
 */
const staticPageScript = (rows: number) => `(() => {
  document.head.innerHTML = '<style>body{margin:0;font:13px system-ui}#s{height:640px;overflow:auto}' +
    '.r{height:47px;line-height:47px;padding:0 12px;border-bottom:1px solid #ddd;white-space:nowrap;overflow:hidden}</style>';
  const agents = ['dana', 'eli', 'farah', 'gus', 'hana'];
  const parts = [];
  for (let i = 0; i < ${rows}; i++) {
    parts.push('<div class="r">2024-05-02_' + agents[i % 5] + '_' + i + '.wav · 2024-05-02 10:14 · ' + agents[i % 5] + ' · billing · 3:04 · Done · ' + (i % 100) + ' · Neutral</div>');
  }
  document.body.innerHTML = '<div id="s">' + parts.join('') + '</div>';
  return document.querySelectorAll('#s .r').length;
})()`;

/**
 * A library whose pipeline has finished: every step of every seeded recording done. Without job rows
 * the server would queue all 50,000 at start-up (recordings without a pipeline) and the bench would
 * measure scrolling during a storm of failing probes (the seeded audio files do not exist).
 */
function pipelineDone(sqlite: Database.Database): void {
  const now = Date.now();
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM jobs').run();
    const steps = stepNames.map((s) => `SELECT '${s}' AS step`).join(' UNION ALL ');
    sqlite.prepare(`INSERT INTO jobs(recording_id, step, state, created_at, updated_at, finished_at)
      SELECT r.id, s.step, 'done', ?, ?, ? FROM recordings r CROSS JOIN (${steps}) s`).run(now, now, now);
  })();
}

const settle = (page: Page) => page.evaluate('new Promise((r) => setTimeout(r, 500))');

export async function benchCallsScroll(): Promise<BenchRow[]> {
  // BENCH_SCROLL_DIR: a data dir kept between runs (seeded by the first; iterating on the view); else a fresh one.
  const reuse = process.env.BENCH_SCROLL_DIR;
  const dataDir = reuse ?? mkdtempSync(join(tmpdir(), 'cca-bench-scroll-'));
  const rows: BenchRow[] = [];
  if (!existsSync(join(dataDir, 'cca.sqlite'))) {
    mkdirSync(dataDir, { recursive: true });
    const db = await openDatabase({ file: join(dataDir, 'cca.sqlite'), busyTimeoutMs: 5000, readConnections: 0, slowQueryMs: 1000, logger: pino({ level: 'silent' }) });
    try {
      const t0 = performance.now();
      seedCalls(db, { count: CALLS, seed: 2025, unanalyzedEvery: 12, days: 180, segmentsPerCall: 4 });
      pipelineDone(db.sqlite);
      db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      rows.push({ name: `seed ${CALLS.toLocaleString('en')} calls for the scroll bench`, value: (performance.now() - t0) / 1000, unit: 's' });
    } finally {
      db.close();
    }
  }
  const app = await startServedApp({ dataDir, timeoutMs: 60_000 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(app.url);
    await page.waitForSelector('h1:has-text("Calls")');
    await page.waitForFunction(`document.querySelector('[aria-label="Call count"]')?.textContent?.startsWith('${CALLS.toLocaleString('en')}')`, undefined, { timeout: 30_000 });
    await page.waitForSelector('.calls-body [role="row"][data-call-id]');
    await settle(page);
    const app1 = (await page.evaluate(scrollScript('.calls-body', STEPS))) as ScrollStats;
    process.stderr.write(`calls-scroll: app ${JSON.stringify(app1)}\n`);
    await settle(page);
    const domRows = await page.locator('.calls-body [role="row"]').count();
    const lastRowLoaded = await page.evaluate(`(() => {
      const rows = [...document.querySelectorAll('.calls-body [role="row"]')];
      return rows.some((r) => r.getAttribute('aria-rowindex') === '${CALLS + 1}' && r.hasAttribute('data-call-id'));
    })()`);

    const base = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await base.goto('about:blank');
    const staticRows = (await base.evaluate(staticPageScript(CALLS))) as number;
    await settle(base);
    const b = (await base.evaluate(scrollScript('#s', STEPS))) as ScrollStats;
    process.stderr.write(`calls-scroll: baseline ${JSON.stringify(b)}\n`);
    await base.close();

    const note = (s: ScrollStats) =>
      `${s.frames} frames in ${(s.totalMs / 1000).toFixed(1)} s, p50 ${s.p50.toFixed(1)} ms, ${s.over50} frames > 50 ms, ${s.longTasks} long tasks (longest ${s.longestTask.toFixed(0)} ms)${s.slow.length ? `, slow frames [step, ms]: ${s.slow.slice(0, 8).map(([k, ms]) => `${k}:${ms}`).join(' ')}` : ''}${s.reachedBottom ? '' : ', DID NOT REACH THE BOTTOM'}`;
    rows.push({
      name: `Calls table scrolled top → bottom over ${CALLS.toLocaleString('en')} rows in ${STEPS} steps: max frame`, value: app1.max, unit: 'ms',
      baselineName: `static page of ${staticRows.toLocaleString('en')} rows, max frame`, baseline: b.max, ratio: app1.max / b.max,
      target: '≤ 50 ms', pass: app1.max <= 50 && app1.reachedBottom, note: `${note(app1)}; ${domRows} rows in the DOM at the end, last row loaded: ${String(lastRowLoaded)}`,
    });
    rows.push({
      name: 'Calls table scroll: p95 frame', value: app1.p95, unit: 'ms', baselineName: 'static page p95 frame', baseline: b.p95, ratio: app1.p95 / b.p95,
      target: '≤ 50 ms', pass: app1.p95 <= 50, note: `baseline: ${note(b)}`,
    });
    rows.push({ name: 'Calls table scroll: frames over 50 ms', value: app1.over50, unit: 'frames', baselineName: 'static page', baseline: b.over50, target: '0', pass: app1.over50 === 0 });
  } finally {
    await browser.close();
    await app.stop();
    if (!reuse) rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
