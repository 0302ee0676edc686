import { generateCalls } from '../helpers/fixtures.js';
import { expect, snap } from './fixtures.js';
import { withFakeProviders } from './with-fake-providers.js';

// Issue 13: a failure the reviewer can act on. The fake analysis server answers malformed JSON twice
// (the analyzer retries once in place) and steps get one attempt, so one of two calls fails its
// analysis. The Problems view groups it, opens exactly that call in the Calls view, and "Retry all"
// runs it again once the fault is gone; the call page then lists what was sent to the providers.
const calls = generateCalls({ formats: ['wav'] });
const test = withFakeProviders(calls);

test('problems: grouped failure, open the affected call, retry all; the call page shows what left the machine', async ({ page, openApp, app, fakes }) => {
  test.setTimeout(240_000);
  await fakes.openai.setFaults({ sequence: ['malformed', 'malformed'], endpoints: ['POST /v1/responses'] });
  // One attempt per step and one analysis at a time: both malformed answers go to the same call,
  // whose step then fails instead of retrying later.
  const set = await app.api('/api/v1/settings', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ maxAttempts: 1, analyzeConcurrency: 1 }) });
  expect(set.status, await set.clone().text()).toBe(200);
  const paths = [calls.file('billing-refund-good', 'wav'), calls.file('outage-no-disclosure', 'wav')];
  const res = await app.api('/api/v1/recordings/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paths }) });
  expect(res.status).toBe(200);
  await expect.poll(async () => {
    const jobs = (await (await app.api('/api/v1/jobs?step=analyze')).json()) as { value: { jobs: { state: string }[] } };
    return jobs.value.jobs.map((j) => j.state).sort().join(',');
  }, { timeout: 150_000, intervals: [1000] }).toBe('done,failed');

  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Problems' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Problems' })).toBeVisible();
  const rows = page.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Analyze');
  await expect(rows.first()).toContainText('OpenAI');
  await expect(rows.first()).toContainText('1 still failed');
  await snap(page, 'problems-view');

  // Open calls: the Calls list narrowed to exactly the affected call.
  await rows.first().getByRole('button', { name: 'Open calls' }).click();
  const callRows = page.getByRole('table', { name: 'Calls' }).getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(callRows).toHaveCount(1);
  await expect(page.getByText('1 selected')).toBeVisible();
  await snap(page, 'problems-open-calls');

  // Retry all, with the fault gone: the call is analysed.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Problems' })).toBeVisible();
  await page.getByRole('button', { name: /^Retry 1 failed Analyze steps/ }).click();
  await expect(page.getByText('1 failed Analyze step queued again.')).toBeVisible();
  await expect.poll(async () => {
    const jobs = (await (await app.api('/api/v1/jobs?step=analyze')).json()) as { value: { jobs: { state: string }[] } };
    return jobs.value.jobs.map((j) => j.state).join(',');
  }, { timeout: 60_000, intervals: [500] }).toBe('done,done');

  // The call page: what left the machine, request by request.
  const list = (await (await app.api('/api/v1/calls?limit=10')).json()) as { value: { items: { id: number }[] } };
  await page.evaluate(`window.location.hash = "#/calls/${list.value.items[0]!.id}"`);
  const egress = page.getByRole('group', { name: 'Sent to providers' });
  await expect(egress).toContainText(/\d+ requests · [\d.]+ (KB|MB) sent/);
  await egress.locator('summary').click();
  await expect(egress.getByRole('row').filter({ hasText: 'POST /v1/speech-to-text' })).toHaveCount(1);
  await expect(egress.getByRole('row').filter({ hasText: 'POST /v1/responses' }).first()).toContainText('200');
  await egress.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await snap(page, 'call-sent-to-providers');

  // The System view: the same work as throughput, latency, queue depth and what left the machine.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'System' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'System' })).toBeVisible();
  const sent = page.getByRole('region', { name: 'Sent to providers in this period' });
  await expect(sent.getByRole('row').filter({ hasText: 'ElevenLabs' }).getByRole('cell').nth(1)).toHaveText('2'); // one upload per call
  await expect(sent.getByRole('row').filter({ hasText: 'OpenAI' })).toBeVisible();
  const throughput = page.getByRole('region', { name: 'Throughput' });
  await expect(throughput.getByRole('img', { name: 'Throughput' })).toBeVisible();
  await expect(throughput).toContainText('Transcribe'); // the legend names the steps that ran
  await expect(page.getByRole('region', { name: 'Provider latency' })).toContainText('ElevenLabs p95');
  await page.setViewportSize({ width: 1280, height: 1500 });
  await snap(page, 'system-view');
});
