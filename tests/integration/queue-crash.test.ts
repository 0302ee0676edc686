import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRecordings, openQueueDb, sleep } from '../helpers/queue-harness.js';
import { startQueueFakeProvider, type QueueFakeProvider } from '../helpers/queue-fake-provider.js';

/**
 * Crash test: a child process runs the queue over 50 recordings (5 steps each, two of them through a
 * slow fake provider); it is SIGKILLed mid-batch, then a new process finishes the batch. Repeated with
 * the kill at three moments (early, middle, late).
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RECORDINGS = 50;
const STEPS = 5;
const PROVIDER_STEPS = 2;

let provider: QueueFakeProvider;
beforeAll(async () => {
  provider = await startQueueFakeProvider({ latencyMs: 120 });
});
afterAll(async () => provider.close());

function startChild(dbFile: string): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests/helpers/queue-crash-child.ts')], {
    cwd: root,
    env: { ...process.env, QUEUE_DB: dbFile, QUEUE_PROVIDER_URL: provider.url, QUEUE_EXPECTED_JOBS: String(RECORDINGS * STEPS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => {
    if (code) console.error(stderr);
    res(code);
  }));
  return { child, exited };
}

const moments: { name: string; when: (done: number, running: number) => boolean }[] = [
  { name: 'early (first attempts in flight)', when: (done, running) => running >= 3 && done < 20 },
  { name: 'middle (40% of steps done)', when: (done) => done >= RECORDINGS * STEPS * 0.4 },
  { name: 'late (85% of steps done)', when: (done) => done >= RECORDINGS * STEPS * 0.85 },
];

describe('queue survives SIGKILL mid-batch', () => {
  for (const moment of moments) {
    it(`kill ${moment.name} → a new process finishes with exactly one result per step`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cca-queue-crash-'));
      const dbFile = join(dir, 'cca.sqlite');
      const setup = await openQueueDb(dbFile);
      insertRecordings(setup, RECORDINGS);
      // Results table of the fake runners: deliberately no unique constraint, so duplicates would show.
      setup.sqlite.exec(`CREATE TABLE test_results (id INTEGER PRIMARY KEY, recording_id INTEGER NOT NULL, step TEXT NOT NULL, pid INTEGER)`);
      setup.close();
      const callsBefore = provider.requests.length;

      const watch = new Database(dbFile, { readonly: true });
      const counts = watch.prepare(`SELECT SUM(state = 'done') AS done, SUM(state = 'running') AS running FROM jobs`);
      const first = startChild(dbFile);
      let snap = { done: 0, running: 0 };
      const t0 = Date.now();
      for (;;) {
        snap = counts.get() as { done: number; running: number };
        if (moment.when(snap.done ?? 0, snap.running ?? 0)) break;
        if (Date.now() - t0 > 30_000) throw new Error(`never reached the kill moment: ${JSON.stringify(snap)}`);
        await sleep(10);
      }
      first.child.kill('SIGKILL');
      await first.exited;
      const atKill = watch.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE state = 'running' AND step IN ('transcribe','analyze')`).get() as { n: number };
      const runningAtKill = (watch.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE state = 'running'`).get() as { n: number }).n;
      watch.close();
      expect(runningAtKill + (snap.done ?? 0)).toBeGreaterThan(0);

      const second = startChild(dbFile);
      const code = await Promise.race([second.exited, sleep(60_000).then(() => 'timeout' as const)]);
      if (code === 'timeout') second.child.kill('SIGKILL');
      expect(code).toBe(0);

      const db = new Database(dbFile, { readonly: true });
      try {
        const states = db.prepare(`SELECT state, COUNT(*) AS n FROM jobs GROUP BY state`).all();
        expect(states).toEqual([{ state: 'done', n: RECORDINGS * STEPS }]);
        const perStep = db.prepare(`SELECT recording_id, step, COUNT(*) AS n FROM test_results GROUP BY recording_id, step`).all() as { n: number }[];
        expect(perStep).toHaveLength(RECORDINGS * STEPS);
        expect(perStep.every((r) => r.n === 1)).toBe(true);
        const calls = provider.requests.length - callsBefore;
        expect(calls).toBeGreaterThanOrEqual(RECORDINGS * PROVIDER_STEPS);
        expect(calls).toBeLessThanOrEqual(RECORDINGS * PROVIDER_STEPS + atKill.n);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
