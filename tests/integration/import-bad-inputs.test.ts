import { whyNobodyCannotRunHere } from '../helpers/as-nobody.js';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ImportBatch, ImportFileResult } from '../../preload/contract/schemas/recordings.js';
import { generateCalls, type GeneratedCalls } from '../helpers/fixtures.js';
import { bytesFile, headerOnlyWav, pseudoRandomBytes, sparseWav, truncatedCopy, unknownCodecWav } from '../helpers/audio-variants.js';
import { startHarness, type ImportHarness } from './import-harness.js';

// Every bad input of the issue, one test each: the bad file gets its specific category and message,
// and the good file given in the same batch is imported anyway.

let calls: GeneratedCalls;
let good: string;
let work: string;
let h: ImportHarness;
beforeAll(() => {
  calls = generateCalls({ formats: ['wav', 'mp3'] });
  good = calls.file(calls.ids[0]!, 'mp3');
  work = mkdtempSync(join(tmpdir(), 'cca-bad-'));
  chmodSync(work, 0o755);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function importWithGood(bad: string[]): Promise<{ batch: ImportBatch; bad: ImportFileResult }> {
  const batch = await h.service.importPaths([...bad, good]);
  const goodResult = batch.results.find((r) => r.sourcePath === good)!;
  expect(goodResult, JSON.stringify(batch.results)).toMatchObject({ ok: true });
  expect(goodResult.recordingId).toBeGreaterThan(0);
  const badResult = batch.results.find((r) => r.sourcePath !== good)!;
  expect(badResult.ok).toBe(false);
  expect(badResult.error?.hint.length).toBeGreaterThan(10);
  return { batch, bad: badResult };
}

describe('bad inputs never stop the batch', () => {
  it('zero-byte file', async () => {
    const { bad } = await importWithGood([bytesFile('empty.wav', '')]);
    expect(bad.error).toMatchObject({ category: 'invalid_input', message: expect.stringMatching(/empty \(0 bytes\)/) });
  });

  it('truncated file', async () => {
    const { bad } = await importWithGood([truncatedCopy(calls.file(calls.ids[1]!, 'wav'), 0.5, 'half.wav')]);
    expect(bad.error).toMatchObject({ category: 'invalid_input', message: expect.stringMatching(/truncated/) });
  });

  it('header-only WAV', async () => {
    const { bad } = await importWithGood([headerOnlyWav()]);
    expect(bad.error).toMatchObject({ category: 'invalid_input', message: expect.stringMatching(/no audio samples/) });
  });

  it('random bytes with an audio extension', async () => {
    const { bad } = await importWithGood([bytesFile('garbage.mp3', pseudoRandomBytes(64 * 1024))]);
    expect(bad.error).toMatchObject({ category: 'unsupported_media', message: expect.stringMatching(/random, encrypted or corrupted/) });
  });

  it('non-audio files: CSV, PDF, text', async () => {
    const csv = bytesFile('report.wav', 'call_id,agent,duration\n1,Dana,60\n2,Sam,45\n');
    const pdf = bytesFile('scorecard.mp3', '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n');
    const txt = bytesFile('notes.m4a', 'Call notes for Monday.\nCustomer asked about refunds.\n');
    const batch = await h.service.importPaths([csv, pdf, txt, good]);
    expect(batch.counts).toEqual({ imported: 1, duplicate: 0, failed: 3 });
    const [c, p, t] = batch.results;
    expect(c!.error).toMatchObject({ category: 'unsupported_media', message: expect.stringMatching(/CSV/) });
    expect(p!.error).toMatchObject({ category: 'unsupported_media', message: expect.stringMatching(/PDF/) });
    expect(t!.error).toMatchObject({ category: 'unsupported_media', message: expect.stringMatching(/text/) });
  });

  it('unreadable file (permissions)', async (ctx) => {
    const locked = join(work, 'locked.wav');
    copyFileSync(calls.file(calls.ids[2]!, 'wav'), locked);
    chmodSync(locked, 0o000);
    if (process.getuid?.() !== 0) {
      const { bad } = await importWithGood([locked]);
      expect(bad.error).toMatchObject({ category: 'storage', message: expect.stringMatching(/permission denied/) });
      return;
    }
    const cannot = whyNobodyCannotRunHere();
    if (cannot) {
      console.log(`[EACCES test] skipped: ${cannot}`);
      return ctx.skip(cannot);
    }
    // root reads anything: run the import in a child process as `nobody`, on a data dir it owns.
    const dataDir = join(work, 'nobody-data');
    mkdirSync(dataDir, { recursive: true });
    chownSync(dataDir, 65534, 65534);
    const tsx = resolve(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs');
    const out = execFileSync(process.execPath, [tsx, join(import.meta.dirname, 'import-child.ts'), JSON.stringify({ dataDir, paths: [locked, good] })], {
      uid: 65534, gid: 65534, cwd: dataDir, encoding: 'utf8',
      // The npm-installed ffprobe is mode 0744 (owner-only exec); `nobody` uses the system's.
      env: { ...process.env, HOME: dataDir, FFPROBE_PATH: '/usr/bin/ffprobe', FFMPEG_PATH: '/usr/bin/ffmpeg' },
    });
    const batch = JSON.parse(out.trim().split('\n').pop()!) as ImportBatch;
    expect(batch.results[0]).toMatchObject({ ok: false, error: { category: 'storage', message: expect.stringMatching(/permission denied/) } });
    expect(batch.results[1], JSON.stringify(batch.results[1])).toMatchObject({ ok: true });
  });

  it('path that does not exist', async () => {
    const { bad } = await importWithGood([join(work, 'no-such-folder', 'call.wav')]);
    expect(bad.error).toMatchObject({ category: 'not_found', message: expect.stringMatching(/Nothing exists at/) });
  });

  it.each([
    ['a FIFO (never opened: it would block)', () => {
      const fifo = join(work, `pipe-${process.pid}.wav`);
      rmSync(fifo, { force: true });
      execFileSync('mkfifo', [fifo]);
      return fifo;
    }],
    ['/dev/urandom', () => '/dev/urandom'],
    ['/proc/self/environ', () => '/proc/self/environ'],
  ])('not a regular file: %s', async (_name, make) => {
    const path = make();
    const t0 = Date.now();
    const { bad } = await importWithGood([path]);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(bad.error).toMatchObject({ category: 'invalid_input', message: expect.stringMatching(/is not a regular file/) });
    expect(bad.error?.message).not.toMatch(/empty/);
  });

  it('a folder with 0 audio files', async () => {
    const empty = join(work, 'empty-folder');
    mkdirSync(join(empty, 'sub'), { recursive: true });
    writeFileSync(join(empty, '.DS_Store'), 'x');
    const { bad } = await importWithGood([empty]);
    expect(bad).toMatchObject({ fileName: 'empty-folder/', error: { category: 'invalid_input', message: expect.stringMatching(/contains no audio files/) } });
  });

  it('file larger than the configured maximum', async () => {
    h.core.config.settings.maxFileSizeMb = 1;
    const { bad } = await importWithGood([sparseWav(3 * 1024 * 1024, 'huge.wav')]);
    expect(bad.error).toMatchObject({ category: 'invalid_input', message: expect.stringMatching(/larger than the 1\.0 MB limit/) });
  });

  it('unsupported codec', async () => {
    const { bad } = await importWithGood([unknownCodecWav()]);
    expect(bad.error).toMatchObject({ category: 'unsupported_media', message: expect.stringMatching(/codec/) });
  });

  it('duplicate in the same batch', async () => {
    const copy = join(work, 'same-call-again.mp3');
    copyFileSync(good, copy);
    const batch = await h.service.importPaths([good, copy]);
    expect(batch.results[0]).toMatchObject({ ok: true });
    expect(batch.results[1]).toMatchObject({
      ok: false, duplicateOf: batch.results[0]!.recordingId,
      error: { category: 'invalid_input', message: expect.stringMatching(/same content as .* earlier in this import/) },
    });
    expect(batch.counts).toEqual({ imported: 1, duplicate: 1, failed: 0 });
    expect(readdirSync(join(h.dataDir, 'library')).filter((d) => d !== '.partial')).toHaveLength(1);
  });

  it('disk full while copying: storage error, no half file, the rest imports', async () => {
    const victim = calls.file(calls.ids[1]!, 'wav');
    const service = h.serviceWith({
      copy: async (src, dest) => {
        if (src !== victim) return copyFile(src, dest);
        writeFileSync(dest, Buffer.alloc(4096)); // some bytes land, then the disk fills up
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    });
    const batch = await service.importPaths([victim, good]);
    expect(batch.results[0]).toMatchObject({ ok: false, error: { category: 'storage', message: expect.stringMatching(/disk is full/) } });
    expect(batch.results[1]).toMatchObject({ ok: true });
    expect(readdirSync(join(h.dataDir, 'library', '.partial'))).toEqual([]);
    const rows = (await h.core.registry.invoke('recordings.list', {})) as { value: { total: number } };
    expect(rows.value.total).toBe(1);
    // Nothing already imported is lost, and the failed file imports once space is back.
    const retry = await h.service.importPaths([victim]);
    expect(retry.results[0]).toMatchObject({ ok: true });
    expect(basename(victim)).toBe(retry.results[0]!.fileName);
  });
});
