import type { ServedApp } from '../helpers/serve-process.js';
import { expect, snap, test } from './fixtures.js';
import { seedApp } from './app-database.js';

// The Dashboard over a few hundred synthetic analysed calls (written through the DAOs, so the
// triggers feeding its tables run as in production), plus the rubric and price editors in Settings.
async function seed(app: ServedApp) {
  return seedApp(app, { count: 300, seed: 5, startDay: '2024-03-01', days: 30, unanalyzedEvery: 10 });
}

test('dashboard: charts, range, click-through to calls, dark theme', async ({ page, openApp, app }) => {
  const calls = await seed(app);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await expect(page.getByRole('definition').first()).toHaveText('300');
  for (const name of ['Score distribution', 'Average score per agent, by week', 'Compliance pass rate per criterion', 'AI vs reviewer: override rate per criterion', 'Top call reasons', 'Outcomes', 'Customer sentiment by day', 'Processing cost per day']) {
    await expect(page.getByRole('region', { name })).toBeVisible();
  }
  await expect(page.getByRole('table', { name: 'Scores per agent' }).getByRole('row')).toHaveCount(21);
  await snap(page, 'dashboard');

  // A narrower range changes the numbers.
  await page.getByRole('textbox', { name: 'From' }).fill('2024-03-10');
  await page.getByRole('textbox', { name: 'To' }).fill('2024-03-12');
  await expect(page.getByRole('definition').first()).not.toHaveText('300');

  // An agent (the table twin of the per-agent chart) opens the Calls list filtered to them.
  await page.getByRole('button', { name: 'All time' }).click();
  await expect(page.getByRole('definition').first()).toHaveText('300');
  await page.getByRole('table', { name: 'Scores per agent' }).getByRole('button').first().click();
  await expect(page).toHaveURL(/#\/calls\?agent=/);
  await expect(page.getByRole('status', { name: 'Call count' })).toContainText(/calls? match/);

  // Exact click-through: the "escalated" bar of Outcomes lists exactly the escalated calls, as many as the bar counts.
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await expect(page.getByRole('definition').first()).toHaveText('300');
  const escalated = calls.filter((c) => c.outcome === 'escalated');
  expect(escalated.length).toBeGreaterThan(0);
  const outcomes = page.getByRole('region', { name: 'Outcomes' });
  const label = outcomes.locator('svg text').filter({ hasText: /^escalated$/ });
  await outcomes.scrollIntoViewIfNeeded();
  await expect(label).toBeVisible();
  const chart = await outcomes.locator('.echart').boundingBox();
  const labelBox = await label.boundingBox();
  // Bars start at the chart's 190 px label gutter (charts.ts), level with their category label.
  await page.mouse.click(chart!.x + 200, labelBox!.y + labelBox!.height / 2);
  await expect(page).toHaveURL(/#\/calls\?.*outcome=escalated/);
  await expect(page.getByRole('status', { name: 'Call count' })).toContainText(`${escalated.length} ${escalated.length === 1 ? 'call' : 'calls'} match`);
  await expect(page.getByRole('button', { name: 'Remove filter Outcome: Escalated' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Calls' });
  const listed = new Set<number>();
  const body = table.locator('.calls-body');
  // Every row of the list (virtualized: read while scrolling to the end).
  for (let i = 0; i < 40 && listed.size < escalated.length; i++) {
    for (const id of await table.locator('[role="row"][data-call-id]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-call-id'))))) listed.add(id);
    await body.evaluate((el) => el.scrollBy(0, el.clientHeight));
    await page.waitForTimeout(100);
  }
  expect([...listed].sort((a, b) => a - b)).toEqual(escalated.map((c) => c.id).sort((a, b) => a - b));
  await snap(page, 'calls-outcome-filter');
  // Removing the chip clears that filter.
  await page.getByRole('button', { name: 'Remove filter Outcome: Escalated' }).click();
  await expect(page.getByRole('status', { name: 'Call count' })).toContainText('300 calls');

  // The same click-through from the keyboard: each chart repeats its elements as buttons (name + count).
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  const reasons = page.getByRole('region', { name: 'Top call reasons' }).getByRole('list', { name: 'Top call reasons: open the calls' });
  const reason = reasons.getByRole('button').first();
  const [, reasonName, reasonCount] = /^(.*): (\d+) calls$/.exec((await reason.textContent())!)!;
  await reason.focus();
  await expect(reason).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/calls\\?.*reason=${encodeURIComponent(reasonName!).replace(/%20/g, '\\+')}`));
  await expect(page.getByRole('status', { name: 'Call count' })).toContainText(`${reasonCount} calls match`);
  await expect(page.getByRole('button', { name: `Remove filter Reason: ${reasonName}` })).toBeVisible();

  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await page.getByRole('button', { name: 'Switch to dark theme' }).first().click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('region', { name: 'Score distribution' })).toBeVisible();
  await snap(page, 'dashboard-dark');
});

test('dashboard empty state; settings rubric and price editors', async ({ page, openApp }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await expect(page.getByRole('heading', { name: 'No scored calls yet' })).toBeVisible();
  await snap(page, 'dashboard-empty');

  await page.getByRole('link', { name: 'Settings' }).first().click();
  const rubrics = page.getByRole('region', { name: 'Rubrics' });
  await expect(rubrics.getByRole('table', { name: 'Criteria' }).getByRole('row')).not.toHaveCount(1);
  await rubrics.getByRole('button', { name: 'Add criterion' }).click();
  const rows = rubrics.getByRole('table', { name: 'Criteria' }).getByRole('row');
  const last = rows.last();
  await last.getByRole('textbox', { name: /^Id of/ }).fill('hold_etiquette');
  await last.getByRole('textbox', { name: /^Question/ }).fill('Did the agent ask before placing the caller on hold?');
  await rubrics.getByRole('button', { name: 'Save as new version' }).click();
  await expect(page.getByText(/Saved .* v2\. New analyses use it\./)).toBeVisible();
  await expect(rubrics.getByRole('combobox', { name: 'Rubric' }).locator('option:checked')).toContainText('v2');
  const prices = page.getByRole('region', { name: 'Prices' });
  await prices.getByRole('row').nth(1).getByRole('spinbutton').first().fill('0');
  await prices.getByRole('row').nth(1).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/Price of .* saved\./)).toBeVisible();
  await rubrics.scrollIntoViewIfNeeded();
  await snap(page, 'settings-rubrics');
});
