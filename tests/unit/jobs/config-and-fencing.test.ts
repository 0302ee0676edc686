import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { JobsDao } from '../../../db/dao/jobs-dao.js';
import { projectionFor } from '../../helpers/project-calls.js';
import { countByState, insertRecordings, jobRows, queueHarness, waitFor, type Harness } from '../../helpers/queue-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('default runners', () => {
  it('probe verifies the file; transcribe waits for an API key instead of failing, and wakes when one is added', async () => {
    h = await queueHarness({ start: false });
    const good = join(h.dir, 'good.wav');
    writeFileSync(good, 'RIFF-fake-audio');
    const sha = createHash('sha256').update('RIFF-fake-audio').digest('hex');
    const [ok, missing, changed] = insertRecordings(h.db, 3, (i) =>
      i === 0 ? { audioPath: good, sha256: sha } : i === 1 ? { audioPath: join(h!.dir, 'gone.wav') } : { audioPath: good, sha256: 'f'.repeat(64) },
    );
    h.queue.start();
    for (const id of [ok!, missing!, changed!]) h.queue.service.enqueue(id);
    await waitFor(() => (countByState(h!.db).waiting_config ?? 0) === 1 && (countByState(h!.db).failed ?? 0) === 2, 15_000);
    const jobs = h.queue.service.list({ limit: 100, offset: 0 }).jobs;
    const t = jobs.find((j) => j.step === 'transcribe')!;
    expect(t.recordingId).toBe(ok);
    expect(t.state).toBe('waiting_config');
    expect(t.error?.message).toBe('Waiting for API key — add it in Settings → API keys');
    expect(t.error?.hint).toContain('ELEVENLABS_API_KEY');
    expect(t.attempts).toBe(0);
    expect(jobs.find((j) => j.recordingId === missing)!.error?.category).toBe('not_found');
    expect(jobs.find((j) => j.recordingId === changed)!.error?.category).toBe('invalid_input');

    // A key arrives: settings.changed wakes the job; the placeholder then waits for the engine instead.
    h.secrets.ELEVENLABS_API_KEY = 'k';
    h.deps.bus.emit('settings.changed', { values: { ...h.settings, dataDir: h.dir }, sources: {}, locked: [], secrets: [], configFile: '/tmp/config.json' });
    await waitFor(() => h!.queue.service.list({ step: 'transcribe', limit: 1, offset: 0 }).jobs[0]?.error?.message === 'Waiting for the transcription engine');
    expect(h.queue.service.summary().providers.find((p) => p.id === 'elevenlabs')?.configured).toBe(true);
  });
});

describe('fencing and leases', () => {
  it('a stale worker cannot complete or fail a re-claimed job', async () => {
    h = await queueHarness({ pipeline: { a: [] }, runners: {}, start: false });
    const dao = new JobsDao(h.db, projectionFor(h.db));
    const id = insertRecordings(h.db, 1)[0]!;
    dao.enqueue(id, ['a'], Date.now());
    const [first] = dao.claim({ steps: ['a'], limit: 1, now: Date.now(), owner: 'w1', leaseMs: 1 });
    // Lease expires; w2 reclaims and claims again with a new token.
    expect(dao.reclaim(Date.now() + 10, () => false, 10)).toHaveLength(1);
    const [second] = dao.claim({ steps: ['a'], limit: 1, now: Date.now(), owner: 'w2', leaseMs: 60_000 });
    expect(second!.fencingToken).toBeGreaterThan(first!.fencingToken);
    let persisted = 0;
    expect(dao.complete(first!, { now: Date.now(), durationMs: 1, costUsd: null, persist: () => persisted++, unlock: () => [] })).toBeNull();
    expect(dao.transition(first!.id, first!.fencingToken, { state: 'failed' }, Date.now())).toBe(false);
    expect(dao.heartbeat(first!.id, first!.fencingToken, Date.now() + 1000, null, Date.now())).toBe(false);
    expect(dao.complete(second!, { now: Date.now(), durationMs: 1, costUsd: null, persist: () => persisted++, unlock: () => [] })).toEqual([]);
    expect(persisted).toBe(1);
    expect(jobRows(h.db)[0]!.state).toBe('done');
  });

  it('reclaims jobs of a dead process at start, and fails a job interrupted maxAttempts times', async () => {
    h = await queueHarness({ pipeline: { a: [] }, runners: {}, start: false });
    const dao = new JobsDao(h.db, projectionFor(h.db));
    const [r1, r2] = insertRecordings(h.db, 2);
    dao.enqueue(r1!, ['a'], Date.now());
    dao.enqueue(r2!, ['a'], Date.now());
    dao.claim({ steps: ['a'], limit: 2, now: Date.now(), owner: 'x:1:dead', leaseMs: 60_000 });
    h.db.sqlite.prepare(`UPDATE jobs SET attempts = 6 WHERE recording_id = ?`).run(r2);
    const out = dao.reclaim(Date.now(), (o) => o === 'x:1:dead', 6);
    expect(out.map((o) => o.failed).sort()).toEqual([false, true]);
    expect(countByState(h.db)).toEqual({ queued: 1, failed: 1 });
  });

  it('the claim query reads the claim index in order (no sort of the backlog)', async () => {
    h = await queueHarness({ pipeline: { a: [] }, runners: {}, start: false });
    const plan = h.db.sqlite
      .prepare(`EXPLAIN QUERY PLAN SELECT id, priority, next_run_at FROM jobs INDEXED BY jobs_claim_idx
                WHERE state = ? AND step = ? AND next_run_at <= ? ORDER BY priority DESC, next_run_at, id LIMIT ?`)
      .all('queued', 'a', 0, 1) as { detail: string }[];
    const text = plan.map((p) => p.detail).join(' | ');
    expect(text).toContain('jobs_claim_idx');
    expect(text).not.toContain('TEMP B-TREE');
  });
});
