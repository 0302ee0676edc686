import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportBatch } from '../../preload/contract/schemas/recordings.js';
import { uploadRoute } from '../../main/server/routes/upload-route.js';
import { startServer, type RunningServer } from '../../main/server/start-server.js';
import { generateCalls, type GeneratedCalls } from '../helpers/fixtures.js';
import { startHarness, type ImportHarness } from './import-harness.js';
import { retryStaleConnectionsTo } from '../helpers/fetch-retry.js';

// Browser mode's multipart upload (POST /api/v1/recordings, field "files") through the real HTTP app.

let calls: GeneratedCalls;
let h: ImportHarness;
let server: RunningServer;
beforeAll(async () => {
  calls = generateCalls({ formats: ['wav', 'mp3'] });
  h = await startHarness();
  server = await startServer(h.core, { port: 0, rawRoutes: [uploadRoute], staticDir: null });
  retryStaleConnectionsTo(`http://127.0.0.1:${server.port}`);
});
afterAll(async () => {
  await server.close();
  await h.close();
});

const blob = (path: string) => new Blob([readFileSync(path)]);

async function upload(form: FormData, query = ''): Promise<{ status: number; body: { ok: boolean; value?: ImportBatch; error?: { category: string } } }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/recordings${query}`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${server.token}` } });
  return { status: res.status, body: (await res.json()) as never };
}

describe('upload', () => {
  it('imports uploaded files (with a folder sidecar), reports bad ones, and leaves no temp files', async () => {
    const form = new FormData();
    const wav = calls.file(calls.ids[0]!, 'wav');
    form.append('files', blob(wav), 'drop/2024-05-02_dana_C1001.wav');
    form.append('files', blob(calls.file(calls.ids[1]!, 'mp3')), 'drop/sub/other.mp3');
    form.append('files', new Blob(['not audio at all, just words\n']), 'drop/notes.mp3');
    form.append('files', new Blob(['file,queue\n2024-05-02_dana_C1001.wav,billing\n']), 'drop/calls.csv');
    const { status, body } = await upload(form, '?batchId=up-1');
    expect(status).toBe(200);
    const batch = body.value!;
    expect(batch.batchId).toBe('up-1');
    expect(batch.results.map((r) => [r.fileName, r.ok])).toEqual([['2024-05-02_dana_C1001.wav', true], ['other.mp3', true], ['notes.mp3', false]]);
    expect(batch.results[2]!.error).toMatchObject({ category: 'unsupported_media' });
    expect(batch.results[0]!.sourcePath).toBeUndefined();
    expect(batch.sidecars[0]).toMatchObject({ rows: 1, matched: 1 });
    const rec = await h.core.registry.invoke('recordings.get', { id: batch.results[0]!.recordingId });
    expect(rec).toMatchObject({ ok: true, value: { metadata: { agent: 'dana', queue: 'billing' }, originalPath: null, sizeBytes: readFileSync(wav).length } });
    expect(readdirSync(join(h.dataDir, 'library', '.partial'))).toEqual([]);
    expect(h.events.filter((e) => e.batchId === 'up-1').at(-1)).toMatchObject({ finished: true, done: 3, counts: { imported: 2, duplicate: 0, failed: 1 } });
  });

  it('an upload over the size limit is refused for that file only', async () => {
    h.core.config.settings.maxFileSizeMb = 1;
    try {
      const form = new FormData();
      form.append('files', blob(calls.file(calls.ids[2]!, 'wav')), 'big.wav'); // ~3 MB
      form.append('files', blob(calls.file(calls.ids[2]!, 'mp3')), 'small.mp3');
      const { body } = await upload(form);
      expect(body.value!.results[0]).toMatchObject({ fileName: 'big.wav', ok: false, error: { category: 'invalid_input' } });
      expect(body.value!.results[1]).toMatchObject({ fileName: 'small.mp3', ok: true });
    } finally {
      h.core.config.settings.maxFileSizeMb = 2048;
    }
  });

  it('refuses a non-multipart body and an empty upload', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/recordings`, { method: 'POST', body: '{}', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
    const { status } = await upload(new FormData());
    expect(status).toBe(400);
  });
});
