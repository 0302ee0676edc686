import { readFileSync } from 'node:fs';
import { generateCalls } from '../helpers/fixtures.js';
import { expect, snap } from './fixtures.js';
import { withFakeProviders } from './with-fake-providers.js';

// Issue 13 item 7, cost before it is spent, as a reviewer sees it: files chosen in the Import view
// come with the batch's estimated provider cost and time (before a request is made), which then shows
// what was really spent; in the Queue, choosing a re-run says what it will cost and what the analysis
// cache saves; the System view sets every batch's estimate beside its actual cost.
const calls = generateCalls({ formats: ['wav'] });
const test = withFakeProviders(calls);

test('estimate on import, on a re-run, and estimate against actual in the System view', async ({ page, openApp }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await openApp(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  const ids = calls.ids.slice(0, 3);
  await page.getByLabel('Choose recordings').setInputFiles(ids.map((id) => ({
    name: `2024-05-02_dana_${id}.wav`, mimeType: 'audio/wav', buffer: readFileSync(calls.file(id, 'wav')),
  })));
  await expect(page.getByText('3 calls imported')).toBeVisible({ timeout: 30_000 });

  const card = page.getByRole('region', { name: 'Provider cost of this batch' });
  await expect(card).toContainText(/\$0\.\d{4} · about \d+ (s|min)/);
  await expect(card.getByRole('listitem').filter({ hasText: 'Transcription' })).toContainText('3 calls');
  await expect(card.getByRole('listitem').filter({ hasText: 'Transcription' })).toContainText('scribe_v2 (ElevenLabs)');
  await expect(card.getByRole('listitem').filter({ hasText: 'Analysis' })).toContainText('gpt-4.1-mini (OpenAI)');
  await expect(card).toContainText('From the price table');
  // The batch then runs; the card follows it to what it really cost.
  await expect(card).toContainText(/Actual \$0\.\d{4} \([+-]\d+\.\d% against the estimate\)/, { timeout: 90_000 });
  await snap(page, 'import-estimate');

  // Queue: re-running the analysis of unchanged calls is answered by the cache.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
  for (const id of ids.slice(0, 2)) await page.getByLabel(`Select 2024-05-02_dana_${id}.wav`).check();
  await page.getByLabel('Step to re-run').selectOption('analyze');
  const rerun = page.getByLabel('Re-run estimate');
  await expect(rerun).toContainText('No provider cost');
  await expect(rerun).toContainText(/cache saves \$0\.\d{4}/);
  await page.getByLabel('Step to re-run').selectOption('transcribe');
  await expect(rerun).toContainText(/≈ \$0\.\d{4} · about/);
  await snap(page, 'queue-rerun-estimate');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'System' }).click();
  const batches = page.getByRole('region', { name: 'Import batches: estimate and actual' });
  const row = batches.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').nth(1)).toHaveText('3');
  await expect(row.getByRole('cell').nth(4)).toHaveText(/^[+-]\d+\.\d%$/);
  await expect(batches.getByRole('img', { name: 'Batch cost: estimated and actual' })).toBeVisible();
  await batches.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await snap(page, 'system-batch-estimates');
});
