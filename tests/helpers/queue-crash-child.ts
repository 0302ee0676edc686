/**
 * Child process of the crash test (tests/integration/queue-crash.test.ts): runs the real queue on the
 * SQLite file given in QUEUE_DB with fake runners — transcribe and analyze call the slow fake provider
 * at QUEUE_PROVIDER_URL, the local steps do nothing — until every job is finished, then exits 0.
 * The test SIGKILLs it mid-batch and starts another one on the same file.
 *
 * Transcribe saves its result right after the provider answers (outside the completing transaction,
 * like a real runner writing a transcript) and relies on alreadyDone after a crash; analyze saves via
 * `persist` (inside the fenced completion). Both must end with exactly one result per step.
 */
import pino from 'pino';
import { EventBus } from '../../main/events/event-bus.js';
import { createQueue } from '../../main/jobs/index.js';
import type { StepRunner } from '../../main/jobs/types.js';
import { defaultSettings, openQueueDb } from './queue-harness.js';
import { daosFor } from './project-calls.js';
import { callQueueFakeProvider } from './queue-fake-provider.js';

const file = process.env.QUEUE_DB!;
const url = process.env.QUEUE_PROVIDER_URL!;
const db = await openQueueDb(file);
const logger = pino({ level: process.env.QUEUE_TEST_LOG ?? 'silent' });
const settings = defaultSettings({ transcribeConcurrency: 4, analyzeConcurrency: 4 });

const hasResult = db.sqlite.prepare(`SELECT 1 FROM test_results WHERE recording_id = ? AND step = ?`);
const addResult = db.sqlite.prepare(`INSERT INTO test_results (recording_id, step, pid) VALUES (?, ?, ?)`);

const local = (lane: string): StepRunner => ({
  placement: () => ({ provider: 'local', lane, concurrency: 2 }),
  alreadyDone: (ctx) => hasResult.get(ctx.job.recordingId, ctx.job.step) !== undefined,
  run: async (ctx) => ({ kind: 'done', persist: () => addResult.run(ctx.job.recordingId, ctx.job.step, process.pid) }),
});

const queue = createQueue(
  { db, logger, bus: new EventBus(logger), settings: () => settings, secret: () => 'k', daos: daosFor(db).daos },
  {
    // A fixed five-step DAG, independent of the app's pipeline (which grows with features).
    pipeline: { probe: [], transcribe: ['probe'], analyze: ['transcribe'], metrics: ['transcribe'], index: ['analyze', 'metrics'] },
    pollMs: 50, leaseMs: 10_000, defaultRunners: false, backoff: { initialMs: 50, maxMs: 500 },
  },
);
queue.registerStep('probe', local('local'));
queue.registerStep('metrics', local('local'));
queue.registerStep('index', local('local'));
queue.registerStep('transcribe', {
  placement: (s) => ({ provider: 'fake', lane: 'fake:transcribe', concurrency: s.transcribeConcurrency }),
  alreadyDone: (ctx) => hasResult.get(ctx.job.recordingId, 'transcribe') !== undefined,
  async run(ctx) {
    await callQueueFakeProvider(url, `/transcribe?rec=${ctx.job.recordingId}`, ctx.signal);
    addResult.run(ctx.job.recordingId, 'transcribe', process.pid);
    return { kind: 'done' };
  },
});
queue.registerStep('analyze', {
  placement: (s) => ({ provider: 'fake', lane: 'fake:analyze', concurrency: s.analyzeConcurrency }),
  alreadyDone: (ctx) => hasResult.get(ctx.job.recordingId, 'analyze') !== undefined,
  async run(ctx) {
    await callQueueFakeProvider(url, `/analyze?rec=${ctx.job.recordingId}`, ctx.signal);
    return { kind: 'done', persist: () => addResult.run(ctx.job.recordingId, 'analyze', process.pid) };
  },
});
queue.start();
process.stdout.write('started\n');

const expected = Number(process.env.QUEUE_EXPECTED_JOBS);
const unfinished = db.sqlite.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE state NOT IN ('done','failed','cancelled')`);
const total = db.sqlite.prepare(`SELECT COUNT(*) AS n FROM jobs`);
const timer = setInterval(() => {
  if ((unfinished.get() as { n: number }).n === 0 && (total.get() as { n: number }).n === expected) {
    clearInterval(timer);
    void queue.stop().then(() => {
      db.close();
      process.stdout.write('finished\n');
      process.exit(0);
    });
  }
}, 50);
