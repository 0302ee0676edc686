import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudioWorkerPool, holdForeground } from '../../main/audio/run-in-worker.js';
import { generateCalls, type GeneratedCalls } from '../helpers/fixtures.js';

// The pooled audio workers: several tasks per thread, each with its own result, abort and stats; the
// copy made while hashing; background pools waiting for foreground (import) work.

let calls: GeneratedCalls;
let dir: string;
const pools: AudioWorkerPool[] = [];
const pool = (o: ConstructorParameters<typeof AudioWorkerPool>[0]) => {
  const p = new AudioWorkerPool(o);
  pools.push(p);
  return p;
};
beforeAll(() => {
  calls = generateCalls({ formats: ['wav', 'mp3', 'flac'] });
  dir = mkdtempSync(join(tmpdir(), 'qa-pool-'));
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  rmSync(dir, { recursive: true, force: true });
});

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

describe('AudioWorkerPool', () => {
  it('runs several tasks on one thread at once, each answered with its own result', async () => {
    const p = pool({ size: 1, tasksPerWorker: 4 });
    const files = [...calls.ids.map((id) => calls.file(id, 'wav')), calls.file(calls.ids[0]!, 'mp3'), calls.file(calls.ids[1]!, 'flac')];
    const out = await Promise.all(files.map((f) => p.run({ kind: 'probeAndHash', path: f })));
    out.forEach((o, i) => {
      expect(o.value.sha256).toBe(sha(files[i]!));
      expect(o.stats.elapsedMs).toBeGreaterThanOrEqual(0);
      expect(o.stats.peakRssMb).toBeGreaterThan(0);
    });
    expect(out.map((o) => o.value.probe.container)).toEqual([...calls.ids.map(() => 'wav'), 'mp3', 'flac']);
  });

  it('copies while hashing: the copy is byte-identical and fsynced, and a failure leaves no copy', async () => {
    const p = pool({ size: 1, tasksPerWorker: 2 });
    const src = calls.file(calls.ids[0]!, 'wav');
    const dest = join(dir, 'copy.part');
    const r = await p.probeAndHash(src, { copyTo: dest });
    expect(r.sha256).toBe(sha(src));
    expect(r.copiedBytes).toBe(readFileSync(src).length);
    expect(sha(dest)).toBe(r.sha256);
    // The destination exists already: a storage error naming the errno, the existing file untouched.
    await expect(p.probeAndHash(src, { copyTo: dest })).rejects.toMatchObject({ category: 'storage', details: { reason: 'copy_failed', code: 'EEXIST' } });
    expect(sha(dest)).toBe(r.sha256);
    const missingDir = join(dir, 'no', 'such', 'dir', 'x.part');
    await expect(p.probeAndHash(src, { copyTo: missingDir })).rejects.toMatchObject({ details: { code: 'ENOENT' } });
  });

  it('aborting one task leaves the others on the same thread running', async () => {
    const p = pool({ size: 1, tasksPerWorker: 2 });
    const ac = new AbortController();
    const slow = p.audioMetrics(calls.file(calls.ids[0]!, 'mp3'), { signal: ac.signal });
    const other = p.probeAndHash(calls.file(calls.ids[1]!, 'wav'));
    setTimeout(() => ac.abort(), 30);
    await expect(slow).rejects.toMatchObject({ name: 'AbortError' });
    await expect(other).resolves.toMatchObject({ probe: { container: 'wav' } });
  });

  it('a background pool starts nothing while foreground work is held, then catches up', async () => {
    const background = pool({ size: 1, priority: 'background' });
    const release = holdForeground();
    let done = false;
    const task = background.probeAndHash(calls.file(calls.ids[0]!, 'wav')).then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 400));
    expect(done).toBe(false);
    release();
    await expect(task).resolves.toMatchObject({ probe: { container: 'wav' } });
  });

  it('an idle thread is stopped and a later task starts a new one', async () => {
    const p = pool({ size: 1, idleMs: 50 });
    await p.probeAndHash(calls.file(calls.ids[0]!, 'wav'));
    await new Promise((r) => setTimeout(r, 300));
    await expect(p.probeAndHash(calls.file(calls.ids[1]!, 'wav'))).resolves.toMatchObject({ probe: { container: 'wav' } });
  });

  it('a closed pool refuses new tasks and fails queued ones', async () => {
    const p = pool({ size: 1 });
    await p.close();
    await expect(p.probeAndHash(calls.file(calls.ids[0]!, 'wav'))).rejects.toMatchObject({ category: 'internal' });
  });
});
