import { expect, snap, test } from './fixtures.js';
import { seedApp } from './app-database.js';
import { pw, signIn } from './sign-in.js';

// Issue 15, disputes through the real UI of a users-mode server, agent and lead in two browsers: the
// agent disputes one criterion of their reviewed scorecard at a moment of the call; the lead is
// notified, opens the call from the notification and changes the answer; the final score is
// recomputed on both screens, the agent is notified, and the Dashboard charts the dispute and upheld
// rates. A reviewer's coaching note reaches the agent's call page.
test.use({ serverEnv: { CCA_AUTH: 'users' } });

test('agent disputes a criterion, the lead changes the answer, the score and the dashboard follow', async ({ app, browser }) => {
  test.setTimeout(120_000);
  const json = { 'Content-Type': 'application/json' };
  for (const p of [{ username: 'lena', role: 'lead' }, { username: 'rick', role: 'reviewer' }, { username: 'dana', role: 'agent', agentName: 'dana' }]) {
    const r = await app.api('/api/v1/users', { method: 'POST', headers: json, body: JSON.stringify({ ...p, displayName: p.username, password: pw(p.username) }) });
    expect(r.status, await r.clone().text()).toBe(200);
  }
  await seedApp(app, { count: 60, seed: 7, unanalyzedEvery: 0 });
  const list = (await (await app.api('/api/v1/calls?agent=dana&limit=50')).json()) as { value: { items: { id: number; scorePct: number | null }[] } };
  const callId = list.value.items.find((i) => i.scorePct !== null)!.id;
  const criterion = 'Did the agent show empathy?';

  // The reviewer reviews the call and leaves the agent a coaching note.
  const rick = await signIn(browser, app.origin, 'rick', { width: 1280, height: 900 });
  await rick.goto(`${app.origin}/#/calls/${callId}`);
  await rick.getByRole('button', { name: 'Mark reviewed', exact: true }).click();
  await expect(rick.getByRole('button', { name: '✓ Reviewed' })).toBeVisible();
  const comments = rick.getByRole('region', { name: 'Comments' });
  await comments.getByLabel('New comment').fill('Offer the callback before putting the customer on hold.');
  await comments.getByLabel('Coaching note for the agent').check();
  await comments.getByRole('button', { name: 'Send to the agent' }).click();
  await expect(comments.getByText('Coaching · to the agent')).toBeVisible();

  // The agent: the coaching note is on their call page; they dispute the empathy answer.
  const dana = await signIn(browser, app.origin, 'dana', { width: 1280, height: 900 });
  await dana.getByRole('button', { name: 'Notifications, 1 unread' }).click();
  await dana.getByRole('dialog', { name: 'Notifications' }).getByRole('link', { name: /Coaching note from rick/ }).click();
  await expect(dana.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
  await expect(dana.getByRole('region', { name: 'Coaching notes' })).toContainText('Offer the callback before putting the customer on hold.');
  const scoreBefore = (await dana.getByTestId('score-total').textContent())!;
  const item = dana.getByRole('listitem', { name: criterion });
  const answerBefore = (await item.getByTestId('final-answer').textContent())!;
  await item.getByRole('button', { name: `Dispute: ${criterion}` }).click();
  await item.getByLabel('What do you disagree with? (required)').fill('I said "I am so sorry about the double charge" right at the start.');
  await item.getByRole('button', { name: 'Send dispute' }).click();
  await expect(item.getByText('Disputed', { exact: true })).toBeVisible();
  await expect(dana.getByRole('region', { name: 'Disputes' })).toContainText('Waiting for a lead.');
  await item.scrollIntoViewIfNeeded();
  await snap(dana, 'disputes-agent-raised');

  // The lead: notified, opens the call from the notification and changes the answer.
  const lena = await signIn(browser, app.origin, 'lena', { width: 1280, height: 900 });
  await lena.getByRole('button', { name: 'Notifications, 1 unread' }).click();
  const panel = lena.getByRole('dialog', { name: 'Notifications' });
  await expect(panel).toContainText(`Dispute: ${criterion}`);
  await snap(lena, 'disputes-lead-notification');
  await panel.getByRole('link', { name: new RegExp(`Dispute: ${criterion}`) }).click();
  await expect(lena.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
  const resolve = lena.getByRole('form', { name: `Resolve dispute: ${criterion}` });
  await resolve.getByLabel('Change to').check();
  const newAnswer = answerBefore === 'Yes' ? 'No' : 'Yes';
  await resolve.getByLabel('New answer').selectOption({ label: newAnswer });
  await resolve.getByLabel('Why (required)').fill('Agreed: the apology is at the start of the call.');
  await resolve.getByRole('button', { name: 'Resolve dispute' }).click();
  const leadItem = lena.getByRole('listitem', { name: criterion });
  await expect(leadItem.getByText('Changed after dispute')).toBeVisible();
  await expect(leadItem.getByTestId('final-answer')).toHaveText(newAnswer);
  const scoreAfter = (await lena.getByTestId('score-total').textContent())!;
  expect(scoreAfter).not.toBe(scoreBefore);
  await lena.getByRole('region', { name: 'Disputes' }).scrollIntoViewIfNeeded();
  await snap(lena, 'disputes-lead-resolved');

  // The agent is told at once (their event stream: a toast and the bell), and their page shows the recomputed score.
  await expect(dana.getByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible();
  await expect(dana.getByText(`Dispute changed: ${criterion}`)).toBeVisible();
  await dana.reload();
  await expect(dana.getByTestId('score-total')).toHaveText(scoreAfter);
  await expect(dana.getByRole('listitem', { name: criterion }).getByText('Changed after dispute')).toBeVisible();
  await expect(dana.getByRole('region', { name: 'Disputes' })).toContainText('Agreed: the apology is at the start of the call.');
  await snap(dana, 'disputes-agent-told');

  // The Dashboard charts the rates: 1 of 1 reviewed call disputed on empathy, none upheld.
  await lena.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  const card = lena.getByRole('region', { name: 'Disputes per criterion' });
  await card.scrollIntoViewIfNeeded();
  await expect(card.getByRole('img', { name: 'Disputes per criterion' })).toBeVisible();
  await expect(card).toContainText(criterion.slice(0, 20));
  await expect(lena.getByRole('region', { name: 'Disputes per reviewer' })).toContainText('rick');
  await snap(lena, 'disputes-dashboard');
});
