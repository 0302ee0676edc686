import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../db/open.js';
import { MonthlyBudget } from '../../main/domains/analysis/budget.js';
import type { StepContext, StepRunner } from '../../main/jobs/types.js';
import { daosFor } from '../helpers/project-calls.js';
import { defaultSettings, insertRecordings, openQueueDb } from '../helpers/queue-harness.js';

/**
 * Issue 13 item 7: steps paused by the monthly budget wake by themselves when the month turns (UTC) —
 * no setting changes then, so nothing else would wake them. A real database; the clock starts a moment
 * before midnight at the end of January and runs at real speed.
 */
let dir: string;
let db: AppDatabase;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cca-budget-'));
  db = await openQueueDb(join(dir, 'cca.sqlite'));
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('monthly budget at the turn of the month', () => {
  it('waits while this month is over budget and wakes the waiting steps on the 1st', async () => {
    const monthEnd = Date.UTC(2027, 1, 1); // 1 Feb 2027 00:00 UTC
    const t0 = Date.now();
    const now = () => monthEnd - 400 + (Date.now() - t0);
    const [rid] = insertRecordings(db, 1);
    db.sqlite.prepare(`INSERT INTO jobs (recording_id, step, state, cost_usd, finished_at, created_at, updated_at) VALUES (?, 'transcribe', 'done', 5, ?, ?, ?)`)
      .run(rid, now() - 60_000, now(), now());

    let woken = 0;
    const wokenAt: number[] = [];
    const budget = new MonthlyBudget(daosFor(db).daos, () => defaultSettings({ monthlyBudgetUsd: 3 }), () => { woken++; wokenAt.push(now()); }, now);
    let calls = 0;
    const inner: StepRunner = { placement: () => ({ provider: 'fake', lane: 'fake', concurrency: 1 }), run: () => { calls++; return Promise.resolve({ kind: 'done' }); } };
    const guarded = budget.guard(inner);
    const ctx = {} as StepContext;

    const first = await guarded.run(ctx);
    expect(first).toMatchObject({ kind: 'waiting_config', message: 'Monthly budget reached: $5.00 spent of $3.00 this month.' });
    expect(calls).toBe(0);
    await guarded.run(ctx); // a second waiting step arms no second timer
    expect(woken).toBe(0);

    const deadline = Date.now() + 5_000;
    while (!woken && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(woken).toBe(1);
    expect(wokenAt[0]).toBeGreaterThanOrEqual(monthEnd);
    await new Promise((r) => setTimeout(r, 300));
    expect(woken).toBe(1);

    // February has spent nothing: the step runs.
    expect(await guarded.run(ctx)).toEqual({ kind: 'done' });
    expect(calls).toBe(1);
    budget.stop();
  }, 15_000);
});
