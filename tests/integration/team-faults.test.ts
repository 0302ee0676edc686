import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueSummary } from '../../preload/contract/schemas/queue.js';
import type { FakeElevenLabs, FakeOpenAI } from '../fakes/index.js';
import { generateCalls } from '../helpers/fixtures.js';
import { freePort, type RedisServer } from '../helpers/redis-server.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';
import { apiValue, startTeamRig, type TeamRig } from '../helpers/team-server.js';
import { variantCalls } from '../helpers/variant-calls.js';
import { mintWorkerToken, startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';

/**
 * Issue 32's fault test: 1 API + 3 worker processes, 200 recordings, 20% injected provider faults and
 * 300 ms of provider latency; during the batch one worker is killed (-9), the API is restarted once and
 * Redis is stopped for 10 s and started again empty. Then every recording is done, every result was
 * stored once, successful transcription requests ≤ recordings + what was in flight at the kills, no job
 * is left running, the database is intact and the API's counts are the database's.
 */
const RECORDINGS = 200;
const calls = generateCalls({ formats: ['wav'] });
let rig: TeamRig;
let eleven: FakeElevenLabs;
let openai: FakeOpenAI;
let redis: RedisServer;
let app: ServedApp;
let dataDir: string;
let port: number;
const tokens: string[] = [];
const workers: WorkerProcess[] = [];
const files: string[] = [];

beforeAll(async () => {
  // 200 distinct recordings: the fixtures with one sample changed each, registered with the fakes.
  const made = variantCalls(calls, RECORDINGS);
  files.push(...made.files);
  const registry = made.registry;
  rig = await startTeamRig({ registry });
  ({ eleven, openai, redis } = rig);
  for (const fake of [eleven, openai]) await fake.setFaults({ latencyMs: 300, mix: { server_error: 0.1, rate_limit: 0.05, reset: 0.05 }, seed: 32 });
  dataDir = mkdtempSync(join(tmpdir(), 'cca-team-faults-'));
  for (let i = 0; i < 3; i++) tokens.push(mintWorkerToken(dataDir, `w${i}`));
  port = await freePort();
});
afterAll(() => rig?.close({ workers, app, signal: 'SIGKILL' }));

const startApi = () => startServedApp({
  dataDir,
  env: rig.apiEnv({ CCA_PORT: String(port), CCA_TRANSCRIBE_CONCURRENCY: '12', CCA_ANALYZE_CONCURRENCY: '12', CCA_MAX_ATTEMPTS: '12' }),
});
const startWorker = (i: number) => startWorkerProcess({
  CCA_API_URL: `http://127.0.0.1:${port}`, CCA_REDIS_URL: redis.url, CCA_WORKER_TOKEN: tokens[i]!, CCA_WORKER_CONCURRENCY: '4', CCA_WORKER_LOCK_SEC: '6',
});
const db = () => new Database(join(dataDir, 'cca.sqlite'), { readonly: true, fileMustExist: true });
const counts = () => {
  const d = db();
  try {
    return Object.fromEntries((d.prepare('SELECT state, count(*) AS n FROM jobs GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
  } finally {
    d.close();
  }
};
const doneRecordings = () => {
  const d = db();
  try {
    return (d.prepare(`SELECT count(*) AS n FROM (SELECT recording_id FROM jobs GROUP BY recording_id HAVING sum(state = 'done') = 6)`).get() as { n: number }).n;
  } finally {
    d.close();
  }
};
/** Successful transcription requests so far (the provider charged for these). */
const transcribed = () => eleven.requests.filter((r) => r.endpoint === 'POST /v1/speech-to-text' && r.outcome === 'ok').length;

async function until(what: string, fn: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(counts())}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('the team server under faults', () => {
  it('finishes every recording exactly once through a killed worker, an API restart and a Redis outage', async () => {
    app = await startApi();
    for (let i = 0; i < 3; i++) workers.push(await startWorker(i));
    const imported = await apiValue<{ results: { recordingId: number | null }[] }>(await app.api('/api/v1/recordings/import', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paths: files }),
    }));
    expect(imported.results.filter((r) => r.recordingId !== null)).toHaveLength(RECORDINGS);
    let inFlightAtKills = 0;

    // A fifth of the way: kill -9 one worker (its steps are taken over once its lock runs out).
    await until('a fifth done', () => doneRecordings() >= RECORDINGS / 5, 240_000);
    inFlightAtKills += counts().running ?? 0;
    await workers[0]!.stop('SIGKILL');

    // Two fifths: restart the API (same data, same port; the workers keep running).
    await until('two fifths done', () => doneRecordings() >= (2 * RECORDINGS) / 5, 240_000);
    inFlightAtKills += counts().running ?? 0;
    await app.stop();
    app = await startApi();

    // Three fifths: Redis away for 10 s, back empty.
    await until('three fifths done', () => doneRecordings() >= (3 * RECORDINGS) / 5, 240_000);
    inFlightAtKills += counts().running ?? 0;
    await redis.stop();
    await new Promise((r) => setTimeout(r, 10_000));
    await redis.start();

    await until('every recording done', () => doneRecordings() === RECORDINGS, 300_000);
    const summary = await apiValue<QueueSummary>(await app.api('/api/v1/queue'));
    const jobs = counts();
    expect(jobs).toEqual({ done: RECORDINGS * 6 });
    // The API's counts (what the Queue and System views show) are the database's.
    expect(summary.counts).toMatchObject({ done: RECORDINGS * 6 });
    expect(Object.entries(summary.counts).filter(([k, n]) => k !== 'done' && n > 0)).toEqual([]);
    const faulted = [...eleven.requests, ...openai.requests].filter((r) => r.outcome !== 'ok').length;
    console.log(`team faults: ${transcribed()} successful transcription requests for ${RECORDINGS} recordings (${inFlightAtKills} steps in flight at the kills), ${faulted} provider requests faulted`);
    expect(transcribed()).toBeLessThanOrEqual(RECORDINGS + inFlightAtKills);
    expect(transcribed()).toBeGreaterThanOrEqual(RECORDINGS);

    await app.stop();
    const d = db();
    try {
      expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
      // Every step's result stored exactly once per recording.
      for (const table of ['transcripts', 'audio_metrics', 'local_analyses', 'transcript_quality']) {
        expect(d.prepare(`SELECT count(*) AS n, count(DISTINCT recording_id) AS r FROM ${table}`).get(), table).toEqual({ n: RECORDINGS, r: RECORDINGS });
      }
      expect(d.prepare('SELECT count(*) AS n, count(DISTINCT recording_id) AS r FROM analyses').get()).toEqual({ n: RECORDINGS, r: RECORDINGS });
      expect((d.prepare('SELECT count(*) AS n FROM call_summary WHERE status = \'done\'').get() as { n: number }).n).toBe(RECORDINGS);
    } finally {
      d.close();
    }
  }, 900_000);
});
