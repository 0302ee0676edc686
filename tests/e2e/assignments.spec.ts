import { expect, snap, test } from './fixtures.js';
import { seedApp } from './app-database.js';
import { pw, signIn } from './sign-in.js';

// Issue 15 through the real UI of a users-mode server: a lead previews a sampling rule (N calls per
// agent of a week, stratified by queue), assigns exactly the previewed calls, and sees each reviewer's
// load; a reviewer in another browser finds them in My reviews, oldest due first, opens one, marks it
// reviewed, and sees their progress move.
test.use({ serverEnv: { CCA_AUTH: 'users' } });

test('a lead samples a week of calls for two reviewers; a reviewer works through My reviews', async ({ app, browser }) => {
  test.setTimeout(120_000);
  const json = { 'Content-Type': 'application/json' };
  for (const p of [{ username: 'lena', role: 'lead', displayName: 'Lena Park' }, { username: 'rick', role: 'reviewer', displayName: 'Rick Vos' }, { username: 'sue', role: 'reviewer', displayName: 'Sue Ito' }]) {
    const r = await app.api('/api/v1/users', { method: 'POST', headers: json, body: JSON.stringify({ ...p, password: pw(p.username) }) });
    expect(r.status, await r.clone().text()).toBe(200);
  }
  await seedApp(app, { count: 400, seed: 21, startDay: '2024-03-04', days: 14, unanalyzedEvery: 10 });

  const lead = await signIn(browser, app.origin, 'lena', { width: 1280, height: 900 });
  await lead.getByRole('link', { name: 'My reviews' }).click();
  await expect(lead.getByRole('region', { name: 'My reviews' })).toHaveText('No calls are assigned to you.');
  const sample = lead.getByRole('region', { name: 'Sample calls' });
  await sample.getByLabel('From', { exact: true }).fill('2024-03-04');
  await sample.getByLabel('To', { exact: true }).fill('2024-03-10');
  await sample.getByLabel('Calls per agent', { exact: true }).fill('3');
  await sample.getByLabel('Seed', { exact: true }).fill('2024-W10');
  await sample.getByLabel('Due', { exact: true }).fill('2024-03-15');
  await sample.getByRole('button', { name: 'Preview' }).click();
  const preview = sample.getByLabel('Sample preview', { exact: true });
  await expect(preview).toContainText('calls from 20 agents');
  // 3 per agent, less where an agent had fewer than 3 analysed calls that week (said so, by name).
  const picked = Number((await preview.locator('p b').first().textContent())!);
  expect(picked).toBeGreaterThan(45);
  expect(picked).toBeLessThanOrEqual(60);
  if (picked < 60) await expect(preview.getByText(/^Fewer calls than asked: /)).toBeVisible();
  await expect(sample.getByRole('button', { name: `Assign ${picked} calls` })).toBeEnabled();
  await preview.scrollIntoViewIfNeeded();
  await snap(lead, 'assignments-lead-preview');
  const previewed = await preview.getByRole('table').getByRole('row').allTextContents();
  await sample.getByRole('button', { name: `Assign ${picked} calls` }).click();
  await expect(sample.getByRole('status')).toHaveText(`Assigned ${picked} calls.`);
  // What was assigned is what the preview showed.
  expect(await preview.getByRole('table').getByRole('row').allTextContents()).toEqual(previewed);
  const team = lead.getByRole('region', { name: 'Team' });
  // Shared evenly: Rick (the older account, equally loaded) gets the odd one.
  const rickCount = Math.ceil(picked / 2);
  await expect(team.getByRole('row', { name: /Rick Vos/ }).getByRole('cell').nth(3)).toHaveText(String(rickCount));
  await expect(team.getByRole('row', { name: /Sue Ito/ }).getByRole('cell').nth(3)).toHaveText(String(Math.floor(picked / 2)));
  await team.scrollIntoViewIfNeeded();
  await snap(lead, 'assignments-lead-team');
  // The same sample as a rule that runs by itself every Monday on the week before.
  await sample.getByLabel('Weekly rule name').fill('Weekly queue sample');
  await sample.getByRole('button', { name: 'Run every week' }).click();
  const weekly = lead.getByRole('region', { name: 'Weekly rules' });
  await expect(weekly.getByRole('row', { name: /Weekly queue sample/ })).toContainText('3 per agent, by queue');
  await expect(weekly.getByRole('row', { name: /Weekly queue sample/ })).toContainText('Rick Vos, Sue Ito');
  await weekly.scrollIntoViewIfNeeded();
  await snap(lead, 'assignments-weekly-rules');
  // The Dashboard shows the lead the same loads and what is overdue.
  await lead.getByRole('link', { name: 'Dashboard' }).click();
  const onDashboard = lead.getByRole('region', { name: 'Review assignments' });
  await expect(onDashboard).toContainText(`${picked} overdue`);
  await expect(onDashboard.getByRole('row', { name: /Sue Ito/ }).getByRole('cell').nth(3)).toHaveText(String(Math.floor(picked / 2)));
  await snap(lead, 'assignments-dashboard');

  const rick = await signIn(browser, app.origin, 'rick', { width: 1280, height: 900 });
  await rick.getByRole('link', { name: 'My reviews' }).click();
  const mine = rick.getByRole('region', { name: 'My reviews' });
  await expect(mine.getByText(`0 of ${rickCount} reviewed`)).toBeVisible();
  // Due 2024-03-15, long past on this machine's calendar: overdue, and said so.
  await expect(mine.getByText(`${rickCount} overdue`)).toBeVisible();
  await snap(rick, 'assignments-my-reviews');
  const first = mine.getByRole('row').nth(1);
  const agentName = (await first.getByRole('cell').nth(3).textContent())!;
  const callName = (await first.getByRole('link').textContent())!;
  const callHref = (await first.getByRole('link').getAttribute('href'))!;
  await first.getByRole('link').click();
  await rick.getByRole('button', { name: 'Mark reviewed', exact: true }).click();
  await expect(rick.getByRole('button', { name: '✓ Reviewed' })).toBeVisible();
  await rick.getByRole('link', { name: 'My reviews' }).click();
  await expect(mine.getByText(`1 of ${rickCount} reviewed`)).toBeVisible();
  await expect(mine.getByRole('row').last()).toContainText('Done');
  await snap(rick, 'assignments-my-reviews-progress');

  // The call's agent signs in, finds the reviewed call and acknowledges its scorecard; the lead's list
  // of calls waiting for acknowledgement had it and no longer does.
  const agentUser = { username: `agent-${agentName}`, role: 'agent', agentName, displayName: agentName };
  expect((await app.api('/api/v1/users', { method: 'POST', headers: json, body: JSON.stringify({ ...agentUser, password: pw(agentUser.username) }) })).status).toBe(200);
  await lead.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My reviews' }).click();
  const waiting = lead.getByRole('region', { name: 'Waiting for acknowledgement' });
  await expect(waiting.getByRole('row', { name: new RegExp(callName) })).toBeVisible();
  const agent = await signIn(browser, app.origin, agentUser.username, { width: 1280, height: 900 });
  await agent.goto(`${app.origin}/${callHref}`);
  await agent.getByRole('button', { name: 'Acknowledge scorecard' }).click();
  await expect(agent.getByRole('status').filter({ hasText: /^Acknowledged / })).toBeVisible();
  await expect(agent.getByRole('button', { name: 'Mark reviewed' })).toHaveCount(0);
  await snap(agent, 'assignments-agent-acknowledged');
  await lead.reload();
  await expect(lead.getByRole('region', { name: 'Waiting for acknowledgement' })).toContainText('Every reviewed call has been acknowledged.');
});
