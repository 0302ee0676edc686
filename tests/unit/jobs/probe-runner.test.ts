import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../../db/open.js';
import { AppError } from '../../../main/errors.js';
import { EventBus } from '../../../main/events/event-bus.js';
import { probeRunner } from '../../../main/jobs/runners/probe.js';
import type { StepContext } from '../../../main/jobs/types.js';
import type { WorkerPool } from '../../../main/jobs/worker-pool.js';
import { computeHere, localComputeServices } from '../../helpers/local-compute.js';
import { daosFor } from '../../helpers/project-calls.js';
import { defaultSettings, openQueueDb } from '../../helpers/queue-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'cca-probe-runner-'));
const dbs: AppDatabase[] = [];
afterEach(() => dbs.splice(0).forEach((d) => d.close()));

/** One recording row pointing at `path`, plus a context whose pool counts the hashes it is asked for. */
async function setup(path: string, sha256: string, sizeBytes: number) {
  const db = await openQueueDb(join(mkdtempSync(join(dir, 'db-')), 'cca.sqlite'));
  dbs.push(db);
  const id = Number(db.sqlite.prepare(
    `INSERT INTO recordings (sha256, file_name, audio_path, size_bytes, duration_sec, channels, sample_rate, codec, container)
     VALUES (?, 'call.wav', ?, ?, 60, 1, 16000, 'pcm_s16le', 'wav')`,
  ).run(sha256, path, sizeBytes).lastInsertRowid);
  const hashed: string[] = [];
  const logger = pino({ level: 'silent' });
  const { daos } = daosFor(db);
  const job = { id: 1, recordingId: id, step: 'probe', attempt: 1, maxAttempts: 3, fencingToken: 1 };
  const signal = new AbortController().signal;
  const pool = { run: async (_task: string, args: { path: string }) => (hashed.push(args.path), { sha256: createHash('sha256').update(readFileSync(args.path)).digest('hex') }) } as unknown as WorkerPool;
  const settings = () => defaultSettings();
  const ctx: StepContext = {
    job, deps: { db, daos, logger, bus: new EventBus(logger), settings, secret: () => undefined },
    signal, log: logger, progress: () => {}, pool,
    compute: computeHere(localComputeServices(daos, settings, () => undefined), { job, signal, log: logger, progress: () => {}, pool }),
  };
  return { ctx, hashed };
}

const content = Buffer.from('RIFF....WAVE fake audio bytes');
const sha = createHash('sha256').update(content).digest('hex');

describe('probe step', () => {
  it('trusts an intact library copy (named by its hash) without reading it again', async () => {
    const file = join(dir, `${sha}.wav`);
    writeFileSync(file, content);
    const { ctx, hashed } = await setup(file, sha, content.length);
    await expect(probeRunner().run(ctx)).resolves.toEqual({ kind: 'done' });
    expect(hashed).toEqual([]);
  });

  it('fails a library copy whose size changed, with a hint to re-import', async () => {
    const file = join(mkdtempSync(join(dir, 'lib-')), `${sha}.wav`);
    writeFileSync(file, content.subarray(0, 10));
    const { ctx } = await setup(file, sha, content.length);
    const err = (await probeRunner().run(ctx).catch((e: unknown) => e)) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.message).toMatch(/library copy of "call.wav" is damaged \(10 bytes, expected \d+\)/);
  });

  it('re-hashes a file used in place and refuses it when its content changed', async () => {
    const file = join(dir, 'in-place.wav');
    writeFileSync(file, Buffer.from('different content now'));
    const { ctx, hashed } = await setup(file, sha, content.length);
    const err = (await probeRunner().run(ctx).catch((e: unknown) => e)) as AppError;
    expect(hashed).toEqual([file]);
    expect(err.category).toBe('invalid_input');
    expect(err.message).toMatch(/changed after import/);
  });

  it('accepts an unchanged file used in place', async () => {
    const file = join(dir, 'in-place-ok.wav');
    writeFileSync(file, content);
    const { ctx, hashed } = await setup(file, sha, content.length);
    await expect(probeRunner().run(ctx)).resolves.toEqual({ kind: 'done' });
    expect(hashed).toEqual([file]);
  });

  it('says where the missing audio was expected', async () => {
    const { ctx } = await setup(join(dir, 'gone', `${sha}.wav`), sha, 1);
    const err = (await probeRunner().run(ctx).catch((e: unknown) => e)) as AppError;
    expect(err.category).toBe('not_found');
    expect(err.hint).toMatch(/Reconnect the drive/);
  });
});
