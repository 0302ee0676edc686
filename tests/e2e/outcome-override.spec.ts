import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, snap, test } from './fixtures.js';
import { seedApp } from './app-database.js';

// Issue 36 item 2: the call's outcome is the AI's reading of the whole call; the reviewer overrides it
// on the call page like any answer, and the Summary badge, the PDF scorecard and the Dashboard's
// Outcomes count all read the final value.
test('an outcome override shows in the badge, the PDF and the Dashboard count', async ({ page, openApp, app }) => {
  test.setTimeout(90_000);
  await seedApp(app, { count: 30, seed: 5, startDay: '2024-03-01', days: 10 });
  const get = async <T>(path: string) => ((await (await app.api(path)).json()) as { value: T }).value;
  const unresolvedCount = async () => (await get<{ outcomes: { value: string; count: number }[] }>('/api/v1/dashboard')).outcomes.find((o) => o.value === 'unresolved')?.count ?? 0;
  const call = (await get<{ items: { id: number }[] }>('/api/v1/calls?outcome=resolved&limit=1')).items[0]!;
  const before = await unresolvedCount();

  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);
  await page.goto(`${app.origin}/#/calls/${call.id}`);
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary.getByTestId('call-outcome')).toHaveText('Resolved');
  // What the outcome is read from, said where it is shown.
  await expect(summary.getByTestId('call-outcome')).toHaveAttribute('title', /AI’s reading of how the whole call ended/);

  await summary.getByRole('button', { name: 'Override the outcome' }).click();
  await expect(summary).toContainText('The AI’s reading of the whole call, not the scorecard’s answers');
  const form = summary.getByRole('form', { name: 'Override the outcome' });
  await form.getByLabel('Reviewer outcome').selectOption({ label: 'Unresolved' });
  await form.getByLabel('Reason for the call').fill('Refund promised but never raised');
  await form.getByLabel('Why (required)').fill('The agent promised a refund and did not raise it.');
  await snap(page, 'outcome-override-form');
  await form.getByRole('button', { name: 'Save override' }).click();

  await expect(summary.getByTestId('call-outcome')).toHaveText('Unresolved');
  await expect(summary).toContainText('AI: Resolved');
  await expect(summary.getByTestId('call-reason')).toHaveText('Refund promised but never raised');
  await expect(summary.getByTestId('outcome-override')).toContainText('The agent promised a refund and did not raise it.');
  await expect(summary).toContainText('override of the AI\'s reading');
  await snap(page, 'outcome-override-badge');

  // The PDF scorecard the reviewer exports reads the final outcome, marked as a reviewer's.
  const dir = mkdtempSync(join(tmpdir(), 'cca-outcome-pdf-'));
  try {
    const res = await app.api(`/api/v1/recordings/${call.id}/report.pdf`);
    expect(res.status).toBe(200);
    writeFileSync(join(dir, 'call.pdf'), Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [join(dir, 'call.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Unresolved*');
    expect(text).toContain('AI said Resolved');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // The Dashboard's Outcomes count moved by one, and its click-through lists the call.
  expect(await unresolvedCount()).toBe(before + 1);
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  const outcomes = page.getByRole('region', { name: 'Outcomes' });
  await expect(outcomes.getByRole('button', { name: `unresolved: ${before + 1} calls` })).toBeAttached();
  await outcomes.getByRole('button', { name: `unresolved: ${before + 1} calls` }).dispatchEvent('click');
  await expect(page).toHaveURL(/#\/calls\?.*outcome=unresolved/);
  await expect(page.locator(`[role="row"][data-call-id="${call.id}"]`)).toBeVisible();

  // Reverting goes back to the AI's outcome everywhere.
  await page.goto(`${app.origin}/#/calls/${call.id}`);
  await summary.getByRole('button', { name: 'Revert to AI' }).click();
  await expect(summary.getByTestId('call-outcome')).toHaveText('Resolved');
  expect(await unresolvedCount()).toBe(before);
});
