import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openDatabase, type AppDatabase } from '../../db/open.js';
import { settingDefs, settingKeys, type SecretName, type Settings } from '../../preload/contract/schemas/settings.js';
import { EventBus } from '../../main/events/event-bus.js';
import { createQueue, type Queue } from '../../main/jobs/index.js';
import type { SchedulerOptions } from '../../main/jobs/scheduler.js';
import { localTransport } from './local-compute.js';
import { daosFor } from './project-calls.js';
import type { QueueDeps, StepContext, StepOutcome, StepRunner } from '../../main/jobs/types.js';

/** Test plumbing for the queue: a real SQLite file in a temp dir, default settings, a fake-able runner. */

export function defaultSettings(patch: Partial<Settings> = {}): Settings {
  const s = Object.fromEntries(settingKeys.map((k) => [k, settingDefs[k].default])) as Settings;
  return { ...s, ...patch };
}

export async function openQueueDb(file: string): Promise<AppDatabase> {
  return openDatabase({ file, busyTimeoutMs: 5000, readConnections: 0, slowQueryMs: 10_000, logger: pino({ level: 'silent' }) });
}

/** Minimal recordings rows (the queue only needs ids; the probe runner reads path + hash). */
export function insertRecordings(db: AppDatabase, n: number, make?: (i: number) => { audioPath?: string; sha256?: string }): number[] {
  const st = db.sqlite.prepare(
    `INSERT INTO recordings (sha256, file_name, audio_path, size_bytes, duration_sec, channels, sample_rate, codec, container)
     VALUES (?, ?, ?, 1000, 60, 1, 16000, 'pcm_s16le', 'wav')`,
  );
  const ids: number[] = [];
  db.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const m = make?.(i) ?? {};
      const sha = m.sha256 ?? `${process.pid}-${Date.now()}-${i}-${Math.random()}`;
      ids.push(Number(st.run(sha, `call-${String(i).padStart(4, '0')}.wav`, m.audioPath ?? `/nonexistent/${i}.wav`).lastInsertRowid));
    }
  })();
  return ids;
}

export interface Harness {
  dir: string;
  db: AppDatabase;
  deps: QueueDeps;
  queue: Queue;
  settings: Settings;
  secrets: Partial<Record<SecretName, string>>;
  close(): Promise<void>;
}

export interface HarnessOptions extends SchedulerOptions {
  settings?: Partial<Settings>;
  secrets?: Partial<Record<SecretName, string>>;
  runners?: Record<string, StepRunner>;
  dir?: string;
  defaultRunners?: boolean;
  eventIntervalMs?: number;
  start?: boolean;
}

/** A queue on a fresh database with fast timings. Runners given replace the defaults. */
export async function queueHarness(o: HarnessOptions = {}): Promise<Harness> {
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'cca-queue-'));
  const db = await openQueueDb(join(dir, 'cca.sqlite'));
  const logger = pino({ level: process.env.QUEUE_TEST_LOG ?? 'silent' });
  const settings = defaultSettings(o.settings);
  const secrets = { ...o.secrets };
  const deps: QueueDeps = { db, logger, bus: new EventBus(logger), settings: () => settings, secret: (n) => secrets[n], daos: daosFor(db).daos };
  const transport = localTransport(deps.daos, deps.settings, deps.secret);
  const queue = createQueue(deps, { pollMs: 50, leaseMs: 5000, backoff: { initialMs: 20, maxMs: 200 }, defaultRunners: o.defaultRunners ?? !o.runners, transport, ...o });
  for (const [name, r] of Object.entries(o.runners ?? {})) queue.registerStep(name, r);
  if (o.start !== false) queue.start();
  return {
    dir, db, deps, queue, settings, secrets,
    async close() {
      await queue.stop();
      db.close();
      if (!o.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A runner whose behaviour the test writes; placement defaults to a 'fake' provider lane. */
export function fakeRunner(
  run: (ctx: StepContext) => Promise<StepOutcome> | StepOutcome,
  place: { provider?: string; lane?: string; concurrency?: number } = {},
  alreadyDone?: (ctx: StepContext) => boolean,
): StepRunner {
  const provider = place.provider ?? 'fake';
  return {
    placement: () => ({ provider, lane: place.lane ?? provider, concurrency: place.concurrency ?? 4 }),
    run: async (ctx) => run(ctx),
    alreadyDone,
  };
}

export async function waitFor(pred: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Job rows as plain objects, for assertions. */
export function jobRows(db: AppDatabase): { id: number; recordingId: number; step: string; state: string; attempts: number; nextRunAt: number; errorCategory: string | null; priority: number; finishedAt: number | null }[] {
  return db.sqlite
    .prepare(`SELECT id, recording_id AS recordingId, step, state, attempts, next_run_at AS nextRunAt, error_category AS errorCategory, priority, finished_at AS finishedAt FROM jobs ORDER BY id`)
    .all() as never;
}

export function countByState(db: AppDatabase): Record<string, number> {
  const rows = db.sqlite.prepare(`SELECT state, COUNT(*) AS n FROM jobs GROUP BY state`).all() as { state: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}
