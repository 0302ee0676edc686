import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFailureList } from '../../preload/contract/schemas/recordings.js';
import { bytesFile, pseudoRandomBytes } from '../helpers/audio-variants.js';
import { generateCalls, type GeneratedCalls } from '../helpers/fixtures.js';
import { startUsersServer } from '../helpers/users-server.js';
import { startHarness, type ImportHarness } from './import-harness.js';

/**
 * Issue 36 item 4: an import's failed files are kept (import_failures) until the reviewer dismisses
 * them, so the Import view still lists them after a reload or a restart of the core. Real SQLite in a
 * temp data folder; the same core restarted on it; an agent may not read them.
 */
let calls: GeneratedCalls;
let good: string;
beforeAll(() => {
  calls = generateCalls({ formats: ['mp3'] });
  good = calls.file(calls.ids[0]!, 'mp3');
});

const list = async (h: ImportHarness) => {
  const r = await h.core.registry.invoke('importFailures.list', {});
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as ImportFailureList).failures;
};

describe('failed imports are kept until dismissed', () => {
  let h: ImportHarness | null = null;
  let dataDir = '';
  afterAll(async () => {
    if (h) await h.close();
    else if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps each failed file of a batch with its reason and whether a retry can help, across a restart, until dismissed', async () => {
    h = await startHarness();
    dataDir = h.dataDir;
    const empty = bytesFile('empty.wav', '');
    const noise = bytesFile('noise.mp3', pseudoRandomBytes(64 * 1024));
    const missing = '/nonexistent/gone.wav';
    const batch = await h.service.importPaths([empty, noise, missing, good], { batchId: 'b-kept-1' });
    expect(batch.counts).toEqual({ imported: 1, duplicate: 0, failed: 3 });
    // A duplicate is not a failure: importing the good file again keeps nothing more.
    const again = await h.service.importPaths([good], { batchId: 'b-kept-2' });
    expect(again.counts.duplicate).toBe(1);

    const kept = await list(h);
    // Empty and corrupt files fail the same way every time: no retry; a missing path may come back.
    const byName = Object.fromEntries(kept.map((f) => [f.fileName, [f.batchId, f.error.category, f.retryable]]));
    expect(kept).toHaveLength(3);
    expect(byName).toEqual({
      [basename(empty)]: ['b-kept-1', 'invalid_input', false],
      [basename(noise)]: ['b-kept-1', expect.stringMatching(/^(invalid_input|unsupported_media)$/), false],
      'gone.wav': ['b-kept-1', 'not_found', true],
    });
    for (const f of kept) {
      const r = batch.results.find((x) => x.fileName === f.fileName)!;
      expect(f.error).toEqual(r.error);
      expect(f.sourcePath).toBe(r.sourcePath);
    }

    // The core stops and starts again on the same data folder: they are still there.
    await h.core.close();
    h = null;
    h = await startHarness({}, dataDir);
    const afterRestart = await list(h);
    expect(afterRestart).toEqual(kept);

    // Dismiss one, then the rest of the batch; dismissing again changes nothing.
    const one = await h.core.registry.invoke('importFailures.dismiss', { ids: [kept[0]!.id] });
    expect(one).toMatchObject({ ok: true, value: { dismissed: 1 } });
    expect((await list(h)).map((f) => f.id)).toEqual(kept.slice(1).map((f) => f.id));
    const rest = await h.core.registry.invoke('importFailures.dismiss', { batchId: 'b-kept-1' });
    expect(rest).toMatchObject({ ok: true, value: { dismissed: 2 } });
    expect(await list(h)).toEqual([]);
    expect(await h.core.registry.invoke('importFailures.dismiss', { ids: [kept[0]!.id] })).toMatchObject({ ok: true, value: { dismissed: 0 } });
  }, 120_000);
});

describe('who may see them', () => {
  it('a reviewer lists and dismisses them; an agent can neither read nor dismiss them', async () => {
    const s = await startUsersServer();
    try {
      const empty = bytesFile('empty.wav', '');
      await s.core.services.imports.importPaths([empty, good], { batchId: 'b-users-1' });
      const asAgent = await s.call<ImportFailureList>('agent', 'GET', '/api/v1/import-failures');
      expect(asAgent.status).toBe(403);
      expect(asAgent.value).toBeUndefined();
      expect((await s.call('agent', 'POST', '/api/v1/import-failures/dismiss', {})).status).toBe(403);
      expect(await s.core.registry.invoke('importFailures.list', {}, { role: 'agent', agentName: 'dana' })).toMatchObject({ ok: false, error: { category: 'forbidden' } });

      const asReviewer = await s.call<ImportFailureList>('reviewer', 'GET', '/api/v1/import-failures');
      expect(asReviewer.status).toBe(200);
      expect(asReviewer.value.failures).toEqual([expect.objectContaining({ batchId: 'b-users-1', fileName: basename(empty), retryable: false })]);
      const all = await s.call<{ dismissed: number }>('reviewer', 'POST', '/api/v1/import-failures/dismiss', {});
      expect(all).toMatchObject({ status: 200, value: { dismissed: 1 } });
      expect((await s.call<ImportFailureList>('reviewer', 'GET', '/api/v1/import-failures')).value.failures).toEqual([]);
    } finally {
      await s.close();
    }
  }, 120_000);
});
