import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../main/errors.js';
import { WorkerPool } from '../../main/jobs/worker-pool.js';
import { fixturesDir, type CallScript } from '../helpers/fixtures.js';
import { scriptToTranscript } from '../helpers/truth-transcript.js';

/**
 * The jobs pool (piscina, issue 12 item 7) from sources: the .ts worker loads through the shared tsx
 * bootstrap, tasks return real results, an AppError keeps its category and hint across the thread, an
 * aborted task's thread is replaced, and close() leaves no thread behind.
 */
const dir = mkdtempSync(join(tmpdir(), 'cca-jobs-pool-'));
const pools: WorkerPool[] = [];
afterAll(async () => Promise.all(pools.splice(0).map((p) => p.close())));
const pool = (size: number) => {
  const p = new WorkerPool(size);
  pools.push(p);
  return p;
};
const threads = () => readdirSync('/proc/self/task').length;

/** Many hours of the fixture calls' turns: local analysis of it takes seconds, long enough to abort. */
function longTranscript() {
  const scripts = JSON.parse(readFileSync(join(fixturesDir, 'calls.json'), 'utf8')) as CallScript[];
  const all = scripts.flatMap((s) => s.turns);
  return scriptToTranscript(Array.from({ length: 40_000 }, (_, i) => all[i % all.length]!));
}

describe('jobs worker pool', () => {
  it('hashes a file off the main thread with the same digest as node:crypto', async () => {
    const file = join(dir, 'a.bin');
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    writeFileSync(file, bytes);
    const { sha256 } = await pool(2).run('sha256File', { path: file });
    expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('a failing task rejects with the AppError it threw (category, message, hint); the pool keeps working', async () => {
    const p = pool(1);
    const err = await p.run('sha256File', { path: join(dir, 'missing.wav') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).category).toBe('not_found');
    expect((err as AppError).message).toBe(`The file "missing.wav" was not found at ${join(dir, 'missing.wav')}.`);
    expect((err as AppError).hint).toMatch(/still exists/);
    const file = join(dir, 'b.bin');
    writeFileSync(file, 'abc');
    expect((await p.run('sha256File', { path: file })).sha256).toBe(createHash('sha256').update('abc').digest('hex'));
  });

  it('an abort stops a long CPU-bound task; the next task runs on a fresh thread', async () => {
    const p = pool(1);
    const controller = new AbortController();
    const running = p.run('localAnalysis', { transcript: longTranscript() }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const err = (await running.catch((e: unknown) => e)) as Error;
    expect(err.name).toBe('AbortError');
    const file = join(dir, 'c.bin');
    writeFileSync(file, 'after abort');
    expect((await p.run('sha256File', { path: file })).sha256).toBe(createHash('sha256').update('after abort').digest('hex'));
  });

  it('close() ends every thread it started', async () => {
    const before = threads();
    const p = new WorkerPool(3);
    const file = join(dir, 'd.bin');
    writeFileSync(file, 'x');
    await Promise.all([1, 2, 3].map(() => p.run('sha256File', { path: file })));
    expect(threads()).toBeGreaterThan(before);
    await p.close();
    await expect.poll(threads, { timeout: 5000 }).toBeLessThanOrEqual(before);
  });
});
