import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingView } from '../../preload/contract/schemas/recordings.js';
import { generateCalls, type GeneratedCalls } from '../helpers/fixtures.js';
import { startHarness, type ImportHarness } from './import-harness.js';

// Call metadata: the file name pattern, a calls.csv / calls.xlsx sidecar matched by file name (bad
// rows reported by line and skipped), and the reviewer's edits (audited).

let calls: GeneratedCalls;
let work: string;
let h: ImportHarness;
beforeAll(async () => {
  calls = generateCalls({ formats: ['wav', 'mp3', 'flac'] });
  work = mkdtempSync(join(tmpdir(), 'cca-sidecar-'));
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
  rmSync(work, { recursive: true, force: true });
});

const get = async (id: number | undefined) => ((await h.core.registry.invoke('recordings.get', { id })) as { value: RecordingView }).value;

describe('sidecar metadata', () => {
  it('calls.csv in a dropped folder fills metadata by file name; bad rows are reported by line and skipped', async () => {
    const dir = join(work, 'csv-drop');
    mkdirSync(dir);
    copyFileSync(calls.file(calls.ids[0]!, 'wav'), join(dir, '2024-05-02_dana_C1001.wav'));
    copyFileSync(calls.file(calls.ids[1]!, 'wav'), join(dir, 'unpatterned-call.wav'));
    writeFileSync(join(dir, 'calls.csv'), [
      'File,Agent,Customer,Account,Queue,Campaign,Call Time,Direction,Call ID',
      '2024-05-02_dana_C1001.wav,,Ana Ruiz,AC-778,billing,,2024-05-02 14:30,inbound,',
      'unpatterned-call.wav,sam,,,retention,winback,,sideways,X9',
      ',nobody,,,,,,,',
      'unpatterned-call,sam,,,retention,winback,02/05/2024 09:15,out,X9',
      'not-dropped.wav,lee,,,,,,,',
    ].join('\n'));
    const batch = await h.service.importPaths([dir]);
    expect(batch.counts.imported).toBe(2);
    expect(batch.sidecars).toHaveLength(1);
    expect(batch.sidecars[0]).toMatchObject({
      fileName: 'calls.csv', rows: 5, matched: 2,
      badRows: [{ line: 3, message: expect.stringMatching(/direction "sideways"/) }, { line: 4, message: 'no file name' }],
    });

    const a = await get(batch.results.find((r) => r.fileName.startsWith('2024'))!.recordingId);
    // Pattern gave agent/date/call id; the sidecar added the rest and its full call time wins.
    expect(a.metadata).toEqual({ agent: 'dana', customer: 'Ana Ruiz', account: 'AC-778', queue: 'billing', campaign: null, callTime: '2024-05-02T14:30:00', direction: 'inbound', externalCallId: 'C1001' });
    expect(a.metadataSources).toMatchObject({ agent: 'filename', externalCallId: 'filename', customer: 'sidecar', callTime: 'sidecar' });
    // Line 3 was bad and skipped; line 5 matched by stem (no extension) and applies.
    const b = await get(batch.results.find((r) => r.fileName === 'unpatterned-call.wav')!.recordingId);
    expect(b.metadata).toMatchObject({ agent: 'sam', queue: 'retention', campaign: 'winback', direction: 'outbound', externalCallId: 'X9', callTime: '2024-05-02T09:15:00' });
  });

  it('calls.xlsx works the same way', async () => {
    const dir = join(work, 'xlsx-drop');
    mkdirSync(dir);
    copyFileSync(calls.file(calls.ids[2]!, 'mp3'), join(dir, 'call-a.mp3'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Calls');
    ws.addRow(['file_name', 'agent', 'queue', 'date', 'direction']);
    ws.addRow(['call-a.mp3', 'lee', 'sales', new Date(Date.UTC(2024, 4, 6)), 'Outbound']);
    ws.addRow(['call-b.mp3', 'kim', 'sales', 'not a date', 'inbound']);
    await wb.xlsx.writeFile(join(dir, 'calls.xlsx'));
    const batch = await h.service.importPaths([dir]);
    expect(batch.sidecars[0]).toMatchObject({ fileName: 'calls.xlsx', rows: 2, matched: 1, badRows: [{ line: 3, message: expect.stringMatching(/not a date/) }] });
    const rec = await get(batch.results[0]!.recordingId);
    expect(rec.metadata).toMatchObject({ agent: 'lee', queue: 'sales', callTime: '2024-05-06', direction: 'outbound' });
  });

  it('a sidecar without a file column is reported, and the recordings still import', async () => {
    const dir = join(work, 'bad-sidecar');
    mkdirSync(dir);
    copyFileSync(calls.file(calls.ids[3]!, 'flac'), join(dir, 'x.flac'));
    writeFileSync(join(dir, 'calls.csv'), 'agent,queue\ndana,billing\n');
    const batch = await h.service.importPaths([dir]);
    expect(batch.counts.imported).toBe(1);
    expect(batch.sidecars[0]!.error).toMatchObject({ category: 'invalid_input', message: expect.stringMatching(/no file name column/) });
  });

  it('the reviewer edits metadata; the change is audited and marked as theirs', async () => {
    const batch = await h.service.importPaths([calls.file(calls.ids[0]!, 'flac')]);
    const id = batch.results[0]!.recordingId!;
    const r = await h.core.registry.invoke('recordings.updateMetadata', { id, agent: 'dana', direction: 'inbound', callTime: '2024-05-02T10:00:00' });
    expect(r).toMatchObject({ ok: true, value: { metadata: { agent: 'dana', direction: 'inbound', callTime: '2024-05-02T10:00:00' }, metadataSources: { agent: 'user' } } });
    const bad = await h.core.registry.invoke('recordings.updateMetadata', { id, direction: 'sideways' });
    expect(bad).toMatchObject({ ok: false, error: { category: 'invalid_input' } });
    const missing = await h.core.registry.invoke('recordings.get', { id: 999999 });
    expect(missing).toMatchObject({ ok: false, error: { category: 'not_found' } });
    expect(h.core.daos.audit.list('recording', String(id))[0]).toMatchObject({ action: 'update_metadata', newValue: { agent: 'dana' } });
  });
});
