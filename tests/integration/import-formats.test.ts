import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingView } from '../../preload/contract/schemas/recordings.js';
import { generateCalls, type GeneratedCalls } from '../helpers/fixtures.js';
import { makeVariant, type AudioVariant } from '../helpers/audio-variants.js';
import { startHarness, type ImportHarness } from './import-harness.js';

// Real recordings in every supported format, imported by path: durations against the generator's
// truth (±0.1 s), channels, codec facts, the library copy named by hash, and folder expansion.

let calls: GeneratedCalls;
let h: ImportHarness;
let work: string;
beforeAll(async () => {
  calls = generateCalls({ formats: ['wav', 'mp3', 'm4a', 'ogg', 'flac'] });
  h = await startHarness();
  work = mkdtempSync(join(tmpdir(), 'cca-import-src-'));
});
afterAll(async () => {
  await h?.close();
  rmSync(work, { recursive: true, force: true });
});

const variants: [AudioVariant, number][] = [
  ['webm-opus', 2], ['mp4-video', 2], ['mov-video', 2], ['wav-mulaw', 2], ['wav-alaw', 2], ['wav-gsm', 1], ['ogg-opus', 2],
];

describe('import by path, every format', () => {
  it('imports wav, mp3, m4a, ogg, flac, webm, mp4/mov audio, µ-law, A-law and GSM WAVs with the right facts', async () => {
    const id = calls.ids[0]!;
    const truth = calls.truth(id);
    const paths = ['wav', 'mp3', 'm4a', 'ogg', 'flac'].map((f) => calls.file(id, f));
    const variantPaths = variants.map(([v]) => makeVariant(calls.file(id, 'wav'), v));
    const batch = await h.service.importPaths([...paths, ...variantPaths], { batchId: 'formats' });
    for (const r of batch.results) expect(r, r.fileName).toMatchObject({ ok: true });
    expect(batch.counts).toEqual({ imported: 12, duplicate: 0, failed: 0 });

    const expectedChannels = [...paths.map(() => truth.channels), ...variants.map(([, c]) => c)];
    for (const [i, r] of batch.results.entries()) {
      const got = await h.core.registry.invoke('recordings.get', { id: r.recordingId });
      expect(got.ok).toBe(true);
      const rec = (got as { value: RecordingView }).value;
      expect(Math.abs(rec.durationSec - truth.duration_s), `${r.fileName}: ${rec.durationSec} vs ${truth.duration_s}`).toBeLessThanOrEqual(0.1);
      expect(rec.channels, r.fileName).toBe(expectedChannels[i]);
      expect(rec.stereoSplit).toBe(rec.channels === 2);
      expect(rec.sampleRate).toBeGreaterThan(0);
      expect(rec.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(rec.audioPath).toContain(join(h.dataDir, 'library', rec.sha256.slice(0, 2), rec.sha256));
      expect(['queued', 'processing', 'waiting', 'done']).toContain(rec.status); // the call's pipeline status (one definition)
    }
    const codecs = await Promise.all(batch.results.map(async (r) => ((await h.core.registry.invoke('recordings.get', { id: r.recordingId })) as { value: RecordingView }).value.codec));
    expect(codecs).toEqual(expect.arrayContaining(['pcm_s16le', 'mp3', 'aac', 'vorbis', 'flac', 'opus', 'pcm_mulaw', 'pcm_alaw', 'gsm_ms']));
    // Every new recording was announced to the queue, and progress covered the whole batch.
    expect(h.imported.map((e) => e.recordingId)).toEqual(expect.arrayContaining(batch.results.map((r) => r.recordingId)));
    const last = h.events.filter((e) => e.batchId === 'formats').at(-1)!;
    expect(last).toMatchObject({ finished: true, done: 12, total: 12 });
  });

  it('detects by content: an Ogg named .wav imports, as ogg', async () => {
    const misnamed = join(work, 'call-from-pbx.wav');
    copyFileSync(calls.file(calls.ids[1]!, 'ogg'), misnamed);
    const batch = await h.service.importPaths([misnamed]);
    expect(batch.results[0]).toMatchObject({ ok: true });
    const rec = (await h.core.registry.invoke('recordings.get', { id: batch.results[0]!.recordingId })) as { value: RecordingView };
    expect(rec.value.container).toBe('ogg');
    expect(rec.value.audioPath.endsWith('.ogg')).toBe(true);
  });

  it('expands folders recursively, follows symlinks without looping, lists and filters', async () => {
    const root = join(work, 'drop');
    mkdirSync(join(root, 'week1', 'mon'), { recursive: true });
    mkdirSync(join(root, 'week2'), { recursive: true });
    const id = calls.ids[2]!;
    copyFileSync(calls.file(id, 'mp3'), join(root, 'week1', 'mon', '2024-05-02_dana_C1001.mp3'));
    copyFileSync(calls.file(id, 'flac'), join(root, 'week2', '2024-05-03_sam_C1002.flac'));
    symlinkSync(root, join(root, 'week2', 'loop')); // a link back to the top
    const batch = await h.service.importPaths([root]);
    expect(batch.results.map((r) => r.fileName).sort()).toEqual(['2024-05-02_dana_C1001.mp3', '2024-05-03_sam_C1002.flac']);
    expect(batch.counts.imported).toBe(2);

    const list = await h.core.registry.invoke('recordings.list', { agent: 'dana' });
    expect(list).toMatchObject({ ok: true, value: { total: 1, items: [{ fileName: '2024-05-02_dana_C1001.mp3', metadata: { agent: 'dana', externalCallId: 'C1001', callTime: '2024-05-02' } }] } });
    const ranged = await h.core.registry.invoke('recordings.list', { from: '2024-05-03', to: '2024-05-03' });
    expect((ranged as { value: { total: number } }).value.total).toBe(1);
    const all = await h.core.registry.invoke('recordings.list', { limit: '500' });
    expect((all as { value: { total: number } }).value.total).toBeGreaterThanOrEqual(15);
    // Library holds one file per content, nothing left in .partial.
    expect(readdirSync(join(h.dataDir, 'library', '.partial'))).toEqual([]);
  });
});
