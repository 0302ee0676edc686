import { expect, snap, test } from './fixtures.js';

const views = ['Import', 'Queue', 'Calls', 'Dashboard', 'Reports', 'Settings'] as const;

test('first launch shows the empty state and every view is reachable', async ({ page, openApp }) => {
  await openApp(page);
  // The token moved from the address bar into the session.
  await expect(page).not.toHaveURL(/token=/);
  await expect(page.getByRole('heading', { name: 'No calls yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import recordings' })).toBeVisible();
  await snap(page, 'shell-empty-calls');

  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const view of views) {
    await nav.getByRole('link', { name: view }).click();
    await expect(nav.getByRole('link', { name: view })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
    await snap(page, `shell-${view.toLowerCase()}`);
  }
});

test('settings are read from and saved to the core', async ({ page, openApp, app }) => {
  await openApp(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const concurrency = page.getByLabel('Transcription concurrency');
  await expect(concurrency).toHaveValue('4');
  await concurrency.fill('2');
  // Leaving with an unsaved change asks first; "stay" keeps the view and the change.
  const asked: string[] = [];
  page.once('dialog', (d) => { asked.push(d.message()); void d.dismiss(); });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }).click();
  await expect.poll(() => asked).toEqual(['You have unsaved settings. Leave and discard them?']);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(concurrency).toHaveValue('2');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved 1 change.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  // The rubric editor joins the same guard: an edited weight is not lost by clicking away.
  const rubrics = page.getByRole('region', { name: 'Rubrics' });
  const weight = rubrics.getByRole('spinbutton', { name: /^Weight of / }).first();
  const was = await weight.inputValue();
  await weight.fill(String(Number(was) + 5));
  page.once('dialog', (d) => { asked.push(d.message()); void d.dismiss(); });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }).click();
  await expect.poll(() => asked).toEqual(['You have unsaved settings. Leave and discard them?', 'You have unsaved rubric changes. Leave and discard them?']);
  await expect(weight).toHaveValue(String(Number(was) + 5));
  // Discarded, nothing is unsaved: leaving asks nothing.
  await rubrics.getByRole('button', { name: 'Discard' }).click();
  await expect(weight).toHaveValue(was);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Calls' })).toBeVisible();
  expect(asked).toHaveLength(2);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  // Developer settings sit under Advanced, folded.
  await expect(page.getByLabel('Database busy timeout (ms)').or(page.getByLabel(/busy timeout/i))).toBeHidden();
  const res = await app.api('/api/v1/settings');
  const body = (await res.json()) as { value: { values: { transcribeConcurrency: number } } };
  expect(body.value.values.transcribeConcurrency).toBe(2);

  await page.getByLabel('OpenAI API key').fill('sk-test-123');
  await page.getByRole('button', { name: 'Save key' }).first().click();
  await expect(page.getByText('Configured.').first()).toBeVisible();
  await snap(page, 'shell-settings-saved');
  // The key is never sent back.
  expect(JSON.stringify(await (await app.api('/api/v1/settings')).json())).not.toContain('sk-test-123');
});

test('a reload keeps working without the token in the URL, and dark theme applies', async ({ page, openApp }) => {
  await openApp(page);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'No calls yet' })).toBeVisible();
  await page.getByRole('button', { name: /Switch to dark theme/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await snap(page, 'shell-dark');
});
