import { join } from 'node:path';
import pino from 'pino';
import { TranscriptsDao } from '../../db/dao/transcripts-dao.js';
import { openDatabase } from '../../db/open.js';
import { generateCalls } from '../helpers/fixtures.js';
import { seedCalls } from '../helpers/seed-calls.js';
import { truthToTranscript } from '../helpers/truth-transcript.js';
import type { ServedApp } from '../helpers/serve-process.js';
import { expect, snap, test } from './fixtures.js';

// The Calls view on real data: real recordings imported through the API, their transcripts written
// through the transcripts DAO (the pipeline's providers are not configured in this test), plus a few
// hundred synthetic analysed calls so the table has scores, flags and something to scroll.

const PHRASE = 'charged twice for my October bill';

async function seed(app: ServedApp) {
  const calls = generateCalls();
  const res = await app.api('/api/v1/recordings/import', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ paths: calls.ids.map((id) => calls.file(id, 'wav')) }),
  });
  const batch = (await res.json()) as { ok: boolean; value: { results: { ok: boolean; recordingId?: number; sourcePath?: string }[] } };
  expect(batch.ok).toBe(true);
  const db = await openDatabase({ file: join(app.dataDir, 'cca.sqlite'), busyTimeoutMs: 5000, readConnections: 0, slowQueryMs: 1000, logger: pino({ level: 'silent' }) });
  try {
    const transcripts = new TranscriptsDao(db);
    const byId = new Map<string, number>();
    for (const r of batch.value.results) {
      const id = calls.ids.find((x) => r.sourcePath === calls.file(x, 'wav'))!;
      byId.set(id, r.recordingId!);
      const body = truthToTranscript(calls.truth(id));
      transcripts.upsert({ recordingId: r.recordingId!, provider: 'openai', model: 'truth', audioSec: body.durationSec ?? 0, contentHash: `truth-${id}`, body });
    }
    seedCalls(db, { count: 240, seed: 42, startDay: '2024-03-01', days: 40, unanalyzedEvery: 9 });
    return byId;
  } finally {
    db.close();
  }
}

test('calls list: search a phrase, keyboard navigation, open a call', async ({ page, openApp, app }) => {
  const ids = await seed(app);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Calls' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Calls' });
  const bodyRows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(page.getByRole('status', { name: 'Call count' })).toContainText('244 calls');
  await expect(bodyRows.first()).toBeVisible();
  // Virtualized: far fewer rows in the DOM than calls.
  expect(await bodyRows.count()).toBeLessThan(80);
  await snap(page, 'calls-list');

  // "/" focuses the search box; a phrase from one transcript finds exactly that call.
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search transcripts' });
  await expect(search).toBeFocused();
  await search.fill(PHRASE);
  await expect(page.getByRole('status', { name: 'Call count' })).toContainText(/^1 call match/);
  await expect(bodyRows).toHaveCount(1);
  const row = bodyRows.first();
  await expect(row.getByRole('link')).toHaveText(/billing-refund-good/);
  const marks = row.locator('mark');
  await expect(marks.first()).toContainText('charged twice');
  await expect(row.getByRole('cell', { name: 'Transcript match' })).toContainText('Customer');
  await snap(page, 'calls-search');

  // Transcript text is never markup: a hostile query is just words (and finds nothing).
  await search.fill('<img src=x onerror=alert(1)> "OR" *');
  await expect(page.getByRole('heading', { name: 'No calls match' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page.getByRole('status', { name: 'Call count' })).toContainText('244 calls');

  // j/k move the selection, Enter opens the selected call.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  const selected = table.locator('[role=row][aria-selected=true]');
  await expect(selected).toHaveAttribute('aria-rowindex', '3');
  const id = await selected.getAttribute('data-call-id');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/calls/${id}$`));
  expect(ids.size).toBe(4);
});

test('calls list: sort, filter, saved filter, dark theme', async ({ page, openApp, app }) => {
  await seed(app);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);
  const table = page.getByRole('table', { name: 'Calls' });
  await expect(page.getByRole('status', { name: 'Call count' })).toContainText('244 calls');

  await table.getByRole('button', { name: /Score/ }).click();
  await expect(table.getByRole('columnheader', { name: /Score/ })).toHaveAttribute('aria-sort', 'descending');
  await page.getByRole('combobox', { name: 'Flag' }).selectOption('escalation');
  await expect(page.getByRole('status', { name: 'Call count' })).toContainText(/calls? match/);
  const n = Number((await page.getByRole('status', { name: 'Call count' }).textContent())!.match(/^(\d+)/)![1]);
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThan(244);

  await page.locator('summary', { hasText: 'Saved filters' }).click();
  await page.getByRole('textbox', { name: 'Saved filter name' }).fill('Escalated calls');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Escalated calls', exact: true })).toBeVisible();
  await page.locator('summary', { hasText: 'Saved filters' }).click();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('status', { name: 'Call count' })).toContainText('244 calls');
  await page.locator('summary', { hasText: 'Saved filters' }).click();
  await page.getByRole('button', { name: 'Escalated calls', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Call count' })).toContainText(`${n} call`);

  await page.getByRole('button', { name: 'Switch to dark theme' }).first().click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await snap(page, 'calls-dark');
});

test('empty library: the Calls view offers the import', async ({ page, openApp }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);
  await expect(page.getByRole('heading', { name: 'No calls yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import recordings' })).toBeVisible();
  // No key is set on this server: the step asks for one.
  await expect(page.getByTestId('provider-step')).toContainText('Add an OpenAI or ElevenLabs key');
  await snap(page, 'calls-empty');
});

test.describe('empty library with a key set', () => {
  test.use({ serverEnv: { OPENAI_API_KEY: 'sk-test-not-used' } });
  test('the getting-started step does not ask for a key that is set', async ({ page, openApp }) => {
    await openApp(page);
    await expect(page.getByRole('heading', { name: 'No calls yet' })).toBeVisible();
    await expect(page.getByTestId('provider-step')).toHaveText(/^Providers set up: OpenAI\. ✓/);
    await expect(page.getByText('Add an OpenAI or ElevenLabs key')).toHaveCount(0);
  });
});
