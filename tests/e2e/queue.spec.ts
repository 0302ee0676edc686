import { generateCalls } from '../helpers/fixtures.js';
import { expect, snap, test } from './fixtures.js';
import { withFakeProviders } from './with-fake-providers.js';

// Fresh install, no API keys: imported calls must never look stuck. The transcribe step says what to
// set, while the offline steps (file check, audio metrics) still finish.

test('without keys the queue explains what to set, offline steps finish, and pause/resume work', async ({ page, openApp, app }) => {
  const calls = generateCalls({ formats: ['wav'] });
  const imported = await app.api('/api/v1/recordings/import', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ paths: [calls.file('billing-refund-good', 'wav'), calls.file('outage-no-disclosure', 'wav')] }),
  });
  expect(imported.status).toBe(200);

  await openApp(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Queue' })).toBeVisible();

  const row = page.getByRole('row').filter({ hasText: 'billing-refund-good.wav' });
  await expect(row).toContainText('Needs setup');
  await expect(row).toContainText(/ELEVENLABS_API_KEY|API key/);
  await expect(row).toContainText('Done'); // the file check and audio metrics ran without a network
  await expect(page.getByRole('region', { name: 'Providers' }).getByText('Needs a key').first()).toBeVisible();
  // Counted in calls: both wait (for a key), none is processed.
  const counts = page.getByRole('group', { name: 'Calls per status' });
  await expect(counts.getByRole('button', { name: /Waiting/ })).toHaveText(/^2\s*Waiting$/);
  await expect(page.getByRole('region', { name: 'Queue summary' })).toContainText('2 calls, 0 processed');
  await snap(page, 'queue-needs-setup');

  // The API says the same thing the view shows.
  const jobs = (await (await app.api('/api/v1/jobs')).json()) as { value: { items?: { step: string; state: string }[] } | { step: string; state: string }[] };
  const list = Array.isArray(jobs.value) ? jobs.value : (jobs.value.items ?? []);
  expect(list.filter((j) => j.step === 'transcribe').every((j) => j.state === 'waiting_config')).toBe(true);
  expect(list.filter((j) => j.step === 'metrics').every((j) => j.state === 'done')).toBe(true);

  await page.getByRole('button', { name: /^Pause/ }).click();
  await expect(page.getByRole('button', { name: /^Resume/ })).toBeVisible();
  await expect(page.getByText('The queue is paused.', { exact: false })).toBeVisible();
  const health = (await (await app.api('/api/v1/health')).json()) as { value: { queue: Record<string, number> } };
  // Health reports the same counts (paused jobs count as paused while the queue is paused).
  expect((health.value.queue.waiting_config ?? 0) + (health.value.queue.paused ?? 0), JSON.stringify(health.value.queue)).toBeGreaterThanOrEqual(2);
  await page.getByRole('button', { name: /^Resume/ }).click();
  await expect(page.getByRole('button', { name: /^Pause/ })).toBeVisible();

  // A file name opens its call.
  await row.getByRole('link', { name: 'billing-refund-good.wav' }).click();
  await expect(page).toHaveURL(/#\/calls\/\d+$/);
});

const fakeCalls = generateCalls({ formats: ['wav'] });
const withFakes = withFakeProviders(fakeCalls);

withFakes('a finished batch is told in calls: "2 calls processed"', async ({ page, openApp, app }) => {
  withFakes.setTimeout(180_000);
  await openApp(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Queue' })).toBeVisible();
  const imported = await app.api('/api/v1/recordings/import', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ paths: fakeCalls.ids.slice(0, 2).map((id) => fakeCalls.file(id, 'wav')) }),
  });
  expect(imported.status).toBe(200);
  await expect(page.getByText('Processing finished: 2 calls processed.')).toBeVisible({ timeout: 150_000 });
  await expect(page.getByRole('region', { name: 'Queue summary' })).toContainText('2 calls, 2 processed');
  await expect(page.getByRole('group', { name: 'Calls per status' }).getByRole('button', { name: /Done/ })).toHaveText(/^2\s*Done$/);
  await snap(page, 'queue-calls-processed');
});
