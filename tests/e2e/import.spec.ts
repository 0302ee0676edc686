import { readFileSync } from 'node:fs';
import { generateCalls } from '../helpers/fixtures.js';
import { expect, snap, test } from './fixtures.js';

// A real drop: a DataTransfer holding real recordings (and one text file named .mp3) is dispatched on
// the window in browser mode; the files are uploaded and each shows up as a row with its duration or
// its reason.

test('dropping recordings on the window imports them and shows each result', async ({ page, openApp, app }) => {
  const calls = generateCalls({ formats: ['wav', 'mp3'] });
  const files = [
    { name: '2024-05-02_dana_C1001.wav', type: 'audio/wav', b64: readFileSync(calls.file(calls.ids[0]!, 'wav')).toString('base64') },
    { name: '2024-05-03_sam_C1002.mp3', type: 'audio/mpeg', b64: readFileSync(calls.file(calls.ids[1]!, 'mp3')).toString('base64') },
    { name: 'notes.mp3', type: 'audio/mpeg', b64: Buffer.from('Call notes for Monday.\nCustomer asked about refunds.\n').toString('base64') },
  ];
  await openApp(page);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // Runs in the page: DOM constructors come from the page's globals (this file compiles without DOM types).
  const dataTransfer = await page.evaluateHandle((list) => {
    const dom = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
    };
    const dt = new dom.DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      dt.items.add(new dom.File([bytes], f.name, { type: f.type }));
    }
    return dt;
  }, files);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await expect(page.getByText('Drop to import')).toBeVisible();
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });

  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Import results' });
  const row = (name: string) => table.getByRole('row').filter({ hasText: name });
  await expect(row('2024-05-02_dana_C1001.wav')).toContainText('New call');
  await expect(row('2024-05-02_dana_C1001.wav')).toContainText(/\d+:\d\d/);
  await expect(row('2024-05-03_sam_C1002.mp3')).toContainText('New call');
  await expect(row('notes.mp3')).toContainText('Failed');
  await expect(row('notes.mp3')).toContainText(/not an audio recording: its content is a text file/);
  // In calls: two new calls; the text file is a file that failed, and importing it again cannot help.
  await expect(page.getByText('2 calls imported')).toBeVisible();
  await expect(page.getByText('1 file failed')).toBeVisible();
  await expect(row('notes.mp3')).toContainText('Importing it again will not help.');
  await expect(page.getByRole('button', { name: /Retry failed/ })).toHaveCount(0);
  await snap(page, 'import-rows');

  // The same recordings are in the core, with their durations.
  const list = (await (await app.api('/api/v1/recordings')).json()) as { value: { total: number; items: { id: number; fileName: string; durationSec: number; metadata: { agent: string } }[] } };
  expect(list.value.total).toBe(2);
  expect(list.value.items.every((r) => r.durationSec > 5)).toBe(true);
  expect(list.value.items.map((r) => r.metadata.agent).sort()).toEqual(['dana', 'sam']);
  const danaId = list.value.items.find((r) => r.fileName === '2024-05-02_dana_C1001.wav')!.id;

  // Dropping the same recordings again: calls already in (each linking to the existing call), not failures.
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.getByText('2 calls already in')).toBeVisible();
  await expect(row('2024-05-02_dana_C1001.wav')).toContainText('Already in');
  await expect(row('2024-05-02_dana_C1001.wav').getByRole('link', { name: 'open the existing call' })).toHaveAttribute('href', `#/calls/${danaId}`);
  await snap(page, 'import-duplicates');

  // After a reload the failed files of both batches are still listed, with their reason, until dismissed.
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  const kept = page.getByRole('region', { name: 'Failed imports' });
  await expect(kept.getByRole('row').filter({ hasText: 'notes.mp3' })).toHaveCount(2);
  await expect(kept.getByRole('row').filter({ hasText: 'notes.mp3' }).first()).toContainText(/not an audio recording: its content is a text file/);
  await expect(kept.getByRole('button', { name: /^Retry/ })).toHaveCount(0);
  await snap(page, 'import-failed-after-reload');
  // Problems points to them too (they are files, not failed steps).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Problems' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'could not be imported' })).toContainText('2 files could not be imported.');
  // Failed imports are problems too: the empty state speaks of failed steps only.
  await expect(page.getByRole('heading', { name: 'No failed steps in this period' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No problems in this period' })).toHaveCount(0);
  await snap(page, 'problems-failed-imports');
  await page.getByRole('link', { name: 'See them in Import' }).click();
  await kept.getByRole('button', { name: 'Dismiss notes.mp3' }).first().click();
  await expect(kept.getByRole('row').filter({ hasText: 'notes.mp3' })).toHaveCount(1);
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  await expect(kept.getByRole('row').filter({ hasText: 'notes.mp3' })).toHaveCount(1);
  await kept.getByRole('button', { name: 'Dismiss all' }).click();
  await expect(kept).toHaveCount(0);
  await expect(page.getByText('Drop call recordings here')).toBeVisible();
  const failures = (await (await app.api('/api/v1/import-failures')).json()) as { value: { failures: unknown[] } };
  expect(failures.value.failures).toEqual([]);
});

test('a file name in the import results opens its call', async ({ page, openApp }) => {
  const calls = generateCalls({ formats: ['wav'] });
  await openApp(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('Choose recordings').setInputFiles({ name: '2024-05-04_lee_C2001.wav', mimeType: 'audio/wav', buffer: readFileSync(calls.file(calls.ids[0]!, 'wav')) });
  const table = page.getByRole('table', { name: 'Import results' });
  await expect(page.getByText('1 call imported')).toBeVisible();
  await table.getByRole('link', { name: '2024-05-04_lee_C2001.wav' }).click();
  await expect(page).toHaveURL(/#\/calls\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/2024-05-04_lee_C2001|lee/);
  await snap(page, 'import-opens-call');
});

test('a metadata file chosen in the view fills in call details by file name and reports bad lines', async ({ page, openApp, app }) => {
  const calls = generateCalls({ formats: ['wav'] });
  const csv = ['File,Agent,Queue,Direction', 'refund-call.wav,Priya Shah,billing,inbound', 'refund-call.wav,,billing,sideways'].join('\n');
  await openApp(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();

  await page.getByLabel('Choose a calls.csv or calls.xlsx metadata file').setInputFiles({ name: 'calls.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByText('Metadata:')).toContainText('calls.csv');
  await page.getByLabel('Choose recordings').setInputFiles({ name: 'refund-call.wav', mimeType: 'audio/wav', buffer: readFileSync(calls.file('billing-refund-good', 'wav')) });

  const table = page.getByRole('table', { name: 'Import results' });
  await expect(table.getByRole('row').filter({ hasText: 'refund-call.wav' })).toContainText('New call');
  const reports = page.getByRole('list', { name: 'Metadata files' });
  await expect(reports).toContainText('calls.csv: 1 of 2 rows matched a recording');
  await expect(reports).toContainText(/Line 3 skipped: .*sideways/);
  await snap(page, 'import-metadata-file');

  const list = (await (await app.api('/api/v1/recordings')).json()) as { value: { items: { metadata: { agent: string | null; queue: string | null; direction: string | null } }[] } };
  expect(list.value.items[0]!.metadata).toMatchObject({ agent: 'Priya Shah', queue: 'billing', direction: 'inbound' });
});
