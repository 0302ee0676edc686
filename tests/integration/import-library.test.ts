import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingView } from '../../preload/contract/schemas/recordings.js';
import { generateCalls, type GeneratedCalls } from '../helpers/fixtures.js';
import { startHarness } from './import-harness.js';

// The managed library: dedupe across batches, reference mode, and atomicity when the importing
// process is killed in the middle of a copy.

let calls: GeneratedCalls;
let work: string;
beforeAll(() => {
  calls = generateCalls({ formats: ['wav', 'mp3'] });
  work = mkdtempSync(join(tmpdir(), 'cca-lib-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('library', () => {
  it('re-importing the same content reports duplicateOf and adds nothing', async () => {
    const h = await startHarness();
    try {
      const file = calls.file(calls.ids[0]!, 'wav');
      const first = await h.service.importPaths([file]);
      const id = first.results[0]!.recordingId!;
      const renamed = join(work, 'renamed-copy.wav');
      copyFileSync(file, renamed);
      const second = await h.service.importPaths([renamed]);
      expect(second.results[0]).toMatchObject({
        ok: false, duplicateOf: id, error: { category: 'invalid_input', message: expect.stringMatching(/already in the library/) },
      });
      expect(second.counts).toEqual({ imported: 0, duplicate: 1, failed: 0 });
      const list = (await h.core.registry.invoke('recordings.list', {})) as { value: { total: number } };
      expect(list.value.total).toBe(1);
      const shards = readdirSync(join(h.dataDir, 'library')).filter((d) => d !== '.partial');
      expect(shards.flatMap((d) => readdirSync(join(h.dataDir, 'library', d)))).toHaveLength(1);
      expect(h.imported).toHaveLength(1); // the queue hears about new recordings only
    } finally {
      await h.close();
    }
  });

  it('reference mode uses the original in place and copies nothing', async () => {
    const h = await startHarness({ CCA_LIBRARY_MODE: 'reference' });
    try {
      const file = calls.file(calls.ids[1]!, 'mp3');
      const batch = await h.service.importPaths([file]);
      const rec = (await h.core.registry.invoke('recordings.get', { id: batch.results[0]!.recordingId })) as { value: RecordingView };
      expect(rec.value.audioPath).toBe(file);
      expect(existsSync(join(h.dataDir, 'library')) ? readdirSync(join(h.dataDir, 'library')).filter((d) => d !== '.partial') : []).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('a process killed mid-copy leaves no half file and no orphan row', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cca-crash-'));
    const file = calls.file(calls.ids[2]!, 'wav');
    const size = statSync(file).size;
    const tsx = resolve(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs');
    const child = spawn(process.execPath, [tsx, join(import.meta.dirname, 'import-child.ts'), JSON.stringify({ dataDir, paths: [file], slowCopy: true })], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const tmp = await new Promise<string>((resolvePromise, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /COPYING (.+)\n/.exec(out);
        if (m) resolvePromise(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`child exited (${code}) before copying: ${out} ${stderr}`)));
    });
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    // The crash left a partial temp file, never a file under its final name, and no row.
    expect(statSync(tmp).size).toBeLessThan(size);
    const partialDir = join(dataDir, 'library', '.partial');
    expect(readdirSync(partialDir)).toHaveLength(1);
    const shards = () => readdirSync(join(dataDir, 'library')).filter((d) => d !== '.partial');
    expect(shards()).toEqual([]);
    const db = new Database(join(dataDir, 'cca.sqlite'), { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM recordings').get() as { n: number }).n).toBe(0);
    db.close();

    // The next start sweeps the temp file; importing again works and is complete.
    const h = await startHarness({}, dataDir);
    try {
      expect(readdirSync(partialDir)).toEqual([]);
      const batch = await h.service.importPaths([file]);
      expect(batch.results[0]).toMatchObject({ ok: true });
      const rec = (await h.core.registry.invoke('recordings.get', { id: batch.results[0]!.recordingId })) as { value: RecordingView };
      expect(statSync(rec.value.audioPath).size).toBe(size);
    } finally {
      await h.close();
    }
  });
});
