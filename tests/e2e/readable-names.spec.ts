import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.js';
import { seedApp } from './app-database.js';

// Issue 36 item 3: where people read, a criterion is its question, never its internal id. Seeded calls
// (their rubric's ids: verify_identity, recording_notice, next_steps…), an auto-failed call with an
// override on its trail, a Calls filter by criterion (the Dashboard's click-through), and the text of
// every view scanned for any id.
const ids = ['verify_identity', 'recording_notice', 'next_steps'];
const idsIn = async (page: Page) => {
  const text = await page.locator('body').innerText();
  return ids.filter((id) => text.includes(id));
};

test('no internal criterion id in any view\'s text', async ({ page, openApp, app }) => {
  test.setTimeout(90_000);
  await seedApp(app, { count: 80, seed: 11, startDay: '2024-03-01', days: 20 });
  const json = { 'Content-Type': 'application/json' };
  const failed = (await (await app.api('/api/v1/calls?criterion=verify_identity&criterionResult=fail&limit=1')).json()) as { value: { items: { id: number }[] } };
  const callId = failed.value.items[0]!.id;
  expect((await app.api(`/api/v1/recordings/${callId}/overrides/next_steps`, { method: 'PUT', headers: json, body: JSON.stringify({ answer: 'no', comment: 'No callback time was given.' }) })).status).toBe(200);

  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const seen: Record<string, string[]> = {};
  for (const view of ['Calls', 'Dashboard', 'Queue', 'Problems', 'System', 'Reports', 'Settings', 'Import']) {
    await nav.getByRole('link', { name: view }).click();
    await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
    // Loaded: no skeleton left (the event stream keeps the network busy, so no 'networkidle').
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    seen[view] = await idsIn(page);
  }
  // The Calls list filtered by a criterion (as the Dashboard opens it): the chip names the question.
  await page.goto(`${app.origin}/#/calls?criterion=verify_identity&criterionResult=fail`);
  await expect(page.getByText('Did the agent verify identity? · failed')).toBeVisible();
  seen['Calls by criterion'] = await idsIn(page);
  // The export form repeats the filter in words.
  await nav.getByRole('link', { name: 'Reports' }).click();
  await page.getByLabel('Report type').selectOption({ label: 'Calls data (CSV)' });
  await expect(page.getByRole('region', { name: 'New export' })).toContainText('Did the agent verify identity?');
  seen['Reports with a filter'] = await idsIn(page);
  // The auto-failed call: the scorecard's line, the audit trail (opened), the app's checks.
  await page.goto(`${app.origin}/#/calls/${callId}`);
  await expect(page.getByRole('region', { name: 'Scorecard' })).toContainText('auto-fail: Did the agent verify identity?');
  await page.getByRole('group', { name: 'Audit trail' }).or(page.locator('details.call-audit')).first().locator('summary').click();
  await expect(page.locator('details.call-audit')).toContainText('Were next steps explained?: answer');
  seen['Call'] = await idsIn(page);
  await snap(page, 'readable-names-call');
  expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((k) => [k, []])));
});
