import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.js';
import { seedApp } from './app-database.js';
import { pw, signIn } from './sign-in.js';

// Issue 15, calibration through the real UI of a users-mode server: a lead starts a session (two
// calls, two reviewers); each reviewer, in a browser of their own, scores blind — the call's own page
// refuses its answers meanwhile — and submits; the lead's results show the answers side by side, the
// ambiguous criterion with its link to the rubric editor, and take the consensus.
test.use({ serverEnv: { CCA_AUTH: 'users' } });

async function openCalibration(page: Page, session: string) {
  await page.getByRole('link', { name: 'My reviews' }).click();
  await page.getByRole('tab', { name: 'Calibration' }).click();
  await page.getByRole('region', { name: 'Calibration sessions' }).getByRole('button', { name: session }).click();
}

/** Answers every criterion of every call: yes (1–5: 4), except `empathy`, answered `empathy`. */
async function scoreAll(page: Page, empathy: 'Yes' | 'No') {
  const calls = page.getByRole('navigation', { name: 'Calls to score' }).getByRole('button');
  for (let i = 0; i < (await calls.count()); i++) {
    await calls.nth(i).click();
    const card = page.getByRole('region', { name: /^Scorecard for / });
    const groups = card.getByRole('radiogroup');
    for (let g = 0; g < (await groups.count()); g++) {
      const group = groups.nth(g);
      const name = (await group.getAttribute('aria-label'))!;
      const choice = /empathy/i.test(name) ? empathy : /1-5/.test(name) ? '4' : 'Yes';
      await group.getByRole('radio', { name: choice, exact: true }).click();
    }
  }
}

test('a lead runs a calibration: two reviewers score blind, then the results show where they disagree', async ({ app, browser }) => {
  test.setTimeout(150_000);
  const json = { 'Content-Type': 'application/json' };
  for (const p of [{ username: 'lena', role: 'lead', displayName: 'Lena Park' }, { username: 'rick', role: 'reviewer', displayName: 'Rick Vos' }, { username: 'sue', role: 'reviewer', displayName: 'Sue Ito' }]) {
    const r = await app.api('/api/v1/users', { method: 'POST', headers: json, body: JSON.stringify({ ...p, password: pw(p.username) }) });
    expect(r.status, await r.clone().text()).toBe(200);
  }
  await seedApp(app, { count: 12, seed: 31, startDay: '2024-03-04', days: 7 });

  // The lead starts the session.
  const lead = await signIn(browser, app.origin, 'lena');
  await lead.getByRole('link', { name: 'My reviews' }).click();
  await lead.getByRole('tab', { name: 'Calibration' }).click();
  await lead.getByRole('button', { name: 'New session' }).click();
  const form = lead.getByRole('region', { name: 'New calibration session' });
  await form.getByLabel('Name').fill('March billing calibration');
  await form.getByLabel('Rubric').selectOption({ label: 'Seed rubric v1' });
  await form.getByRole('checkbox', { name: /Rick Vos/ }).check();
  await form.getByRole('checkbox', { name: /Sue Ito/ }).check();
  const picks = form.getByRole('checkbox', { name: /^Pick / });
  await expect(picks).toHaveCount(12);
  await picks.nth(0).check();
  await picks.nth(1).check();
  await snap(lead, 'calibration-new-session');
  await form.getByRole('button', { name: 'Start session' }).click();
  await expect(lead.getByRole('heading', { name: 'March billing calibration' })).toBeVisible();
  await expect(lead.getByRole('region', { name: 'Summary' })).toContainText('0 of 2');

  // Rick scores blind in his own browser: no AI answer anywhere, the call's page refuses its answers.
  const rick = await signIn(browser, app.origin, 'rick');
  await openCalibration(rick, 'March billing calibration');
  await expect(rick.getByRole('note')).toContainText('Scoring blind.');
  await scoreAll(rick, 'Yes');
  await expect(rick.getByRole('region', { name: /^Scorecard for / }).getByRole('status')).toContainText('16 of 16 answered');
  await rick.getByRole('button', { name: 'Save draft' }).click();
  await expect(rick.getByRole('region', { name: /^Scorecard for / }).getByRole('status')).toContainText('draft saved');
  await snap(rick, 'calibration-scoring-blind');
  const callId = await rick.evaluate(async () => {
    const r = await fetch('/api/v1/calibrations');
    const [s] = ((await r.json()) as { value: { id: number }[] }).value;
    const d = await (await fetch(`/api/v1/calibrations/${s!.id}`)).json() as { value: { callList: { recordingId: number }[] } };
    return d.value.callList[0]!.recordingId;
  });
  const peek = await rick.context().newPage();
  await peek.setViewportSize({ width: 1280, height: 800 });
  await peek.goto(`${app.origin}/#/calls/${callId}`);
  await expect(peek.getByText('You are scoring this call blind in calibration “March billing calibration”; its answers open once you submit your scores.').first()).toBeVisible();
  await snap(peek, 'calibration-call-page-blind');
  await peek.close();
  await rick.getByRole('button', { name: 'Submit scores…' }).click();
  await rick.getByRole('button', { name: 'Submit 16 answers' }).click();
  await expect(rick.getByRole('region', { name: 'Summary' })).toContainText('1 of 2');

  // Sue reads empathy differently.
  const sue = await signIn(browser, app.origin, 'sue', { width: 1024, height: 700 });
  await openCalibration(sue, 'March billing calibration');
  await scoreAll(sue, 'No');
  await snap(sue, 'calibration-scoring-1024');
  await sue.getByRole('button', { name: 'Submit scores…' }).click();
  await sue.getByRole('button', { name: 'Submit 16 answers' }).click();
  await expect(sue.getByRole('region', { name: 'Summary' })).toContainText('2 of 2');

  // The lead's results: side by side, the ambiguous criterion first, the consensus taken.
  await lead.reload();
  await openCalibration(lead, 'March billing calibration');
  const ambiguous = lead.getByRole('region', { name: 'Ambiguous criteria' });
  await expect(ambiguous).toContainText('Did the agent show empathy?');
  await expect(ambiguous).toContainText('α -0.50 · 0 % agree');
  const empathy = lead.getByRole('region', { name: 'Did the agent show empathy?' });
  await expect(empathy.getByRole('columnheader')).toHaveText(['Call', 'Rick Vos', 'Sue Ito', 'AI', 'Consensus']);
  const firstRow = empathy.getByRole('row').nth(1);
  await firstRow.getByRole('combobox').selectOption({ label: 'Yes' });
  await expect(lead.getByRole('region', { name: 'Reviewers' }).getByRole('row', { name: /Sue Ito/ })).toContainText('0 % of 1');
  await expect(lead.getByRole('region', { name: 'Reviewers' }).getByRole('row', { name: /Rick Vos/ })).toContainText('100 % of 1');
  await snap(lead, 'calibration-results');
  await empathy.scrollIntoViewIfNeeded();
  await snap(lead, 'calibration-results-criterion');
  const narrow = await signIn(browser, app.origin, 'lena', { width: 1024, height: 700 });
  await openCalibration(narrow, 'March billing calibration');
  await expect(narrow.getByRole('region', { name: 'Ambiguous criteria' })).toBeVisible();
  await snap(narrow, 'calibration-results-1024');
  await narrow.getByRole('region', { name: 'Did the agent show empathy?' }).scrollIntoViewIfNeeded();
  await snap(narrow, 'calibration-results-criterion-1024');

  // Exports, then the way to reword the criterion.
  const href = (await lead.getByRole('link', { name: 'Export CSV' }).getAttribute('href'))!;
  const csv = await lead.evaluate(async (url) => (await fetch(url)).text(), href);
  expect(csv).toContain('Reviewer: Rick Vos,Reviewer: Sue Ito,AI,Consensus');
  await ambiguous.getByRole('link', { name: 'Reword in the rubric editor →' }).click();
  await expect(lead.locator('tr.criterion-focused')).toBeVisible();
  await expect(lead.getByRole('combobox', { name: 'Rubric' })).toHaveValue(/\d+/);
  await snap(lead, 'calibration-reword-link');
});
