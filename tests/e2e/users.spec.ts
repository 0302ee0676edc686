import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { generateCalls } from '../helpers/fixtures.js';
import { expect, snap, test } from './fixtures.js';
import { pw, signIn } from './sign-in.js';

// Issue 14 through the real UI of a users-mode server: an admin, a lead, a reviewer and an agent, each
// in a browser context of their own, sign in on the sign-in page; each sees the navigation of their
// role; the agent sees only their own calls ("My calls"); the admin manages accounts in Users; signing
// out returns to the sign-in page, and a disabled user is signed out on their next request.
const calls = generateCalls({ formats: ['wav'] });
test.use({ serverEnv: { CCA_AUTH: 'users' } });

const people = [
  { username: 'ada', role: 'admin' }, { username: 'lena', role: 'lead' }, { username: 'rick', role: 'reviewer' }, { username: 'dana', role: 'agent', agentName: 'dana' },
] as const;

/** Serious and critical axe findings (WCAG 2.x A/AA), as "rule: target" lines. */
async function axe(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const navLinks = async (page: Page) => (await page.getByRole('navigation', { name: 'Main' }).getByRole('list').getByRole('link').allTextContents()).map((t) => t.trim());

test('four roles in four browsers: sign-in, navigation by role, an agent’s own calls, users, sign-out', async ({ app, browser }) => {
  test.setTimeout(120_000);
  const json = { 'Content-Type': 'application/json' };
  for (const p of people) {
    const r = await app.api('/api/v1/users', { method: 'POST', headers: json, body: JSON.stringify({ ...p, password: pw(p.username) }) });
    expect(r.status, await r.clone().text()).toBe(200);
  }
  const dir = mkdtempSync(join(tmpdir(), 'cca-e2e-users-'));
  const files = calls.ids.slice(0, 3).map((id, i) => {
    const f = join(dir, `2024-05-0${i + 1}_${i === 1 ? 'sam' : 'dana'}_call${i + 1}.wav`);
    copyFileSync(calls.file(id, 'wav'), f);
    return f;
  });
  expect((await app.api('/api/v1/recordings/import', { method: 'POST', headers: json, body: JSON.stringify({ paths: files }) })).status).toBe(200);

  // A wrong password says so, on the sign-in page.
  const probe = await (await browser.newContext()).newPage();
  await probe.goto(`${app.origin}/`);
  await probe.getByLabel('Username').fill('dana');
  await probe.getByLabel('Password').fill('not the right one at all');
  await probe.getByRole('button', { name: 'Sign in' }).click();
  await expect(probe.getByRole('alert')).toContainText('Wrong username or password.');
  await snap(probe, 'users-sign-in-error');
  expect(await axe(probe)).toEqual([]);

  const agent = await signIn(browser, app.origin, 'dana');
  expect(await navLinks(agent)).toEqual(['My calls', 'My scores']);
  const rows = agent.getByRole('table', { name: 'Calls' }).getByRole('row').filter({ has: agent.getByRole('cell') });
  await expect(rows).toHaveCount(2);
  await expect(agent.getByRole('table', { name: 'Calls' })).not.toContainText('sam');
  await expect(agent.getByLabel('Signed in')).toContainText('dana');
  await snap(agent, 'users-agent-my-calls');
  // Their own call opens read-only: changing controls are disabled and say why.
  await rows.first().getByRole('link').first().click();
  // The player replaces its placeholder first (the strip below moves down): a click during that shift
  // can land beside the summary, so the call is fully laid out before the strip is opened.
  await expect(agent.getByRole('region', { name: 'Player' })).toBeVisible();
  await agent.getByText('Call details, talk time, rule checks and personal data').click();
  await expect(agent.locator('details.call-strip')).toHaveAttribute('open', '');
  const edit = agent.getByRole('button', { name: 'Edit details' });
  await expect(edit).toBeDisabled();
  await expect(edit).toHaveAttribute('title', /Reviewers make changes/);
  // Nothing on it asks for what an agent may not read (no "needs the reviewer role" banner).
  await expect(agent.getByRole('alert')).toHaveCount(0);
  await snap(agent, 'users-agent-call-readonly');
  await agent.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My calls' }).click();

  const reviewer = await signIn(browser, app.origin, 'rick');
  expect(await navLinks(reviewer)).toEqual(['Import', 'Queue', 'Calls', 'My reviews', 'Dashboard', 'Problems', 'System', 'Reports', 'Settings']);
  await expect(reviewer.getByRole('table', { name: 'Calls' }).getByRole('row').filter({ has: reviewer.getByRole('cell') })).toHaveCount(3);
  await snap(reviewer, 'users-reviewer-calls');
  await reviewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(reviewer.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await snap(reviewer, 'users-reviewer-settings');
  await reviewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }).click();

  const lead = await signIn(browser, app.origin, 'lena');
  expect(await navLinks(lead)).not.toContain('Users');
  // The lead reads the audit trail: the reviewer's and the agent's sign-ins are on it.
  await lead.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  const trail = lead.getByRole('region', { name: 'Audit trail' });
  await expect(trail.getByRole('row').filter({ hasText: 'rick' }).filter({ hasText: 'login' }).first()).toBeVisible();
  await lead.getByLabel('User').selectOption('dana');
  await expect(trail.getByRole('row').filter({ has: lead.getByRole('cell') }).filter({ hasNotText: 'dana' })).toHaveCount(0);
  await expect(trail).toContainText('login failed');
  await snap(lead, 'users-lead-audit');
  expect(await axe(lead)).toEqual([]);

  const admin = await signIn(browser, app.origin, 'ada');
  expect(await navLinks(admin)).toContain('Users');
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  const accounts = admin.getByRole('region', { name: 'Accounts' });
  await expect(accounts.getByRole('row')).toHaveCount(5);
  await snap(admin, 'users-admin-users');
  expect(await axe(admin)).toEqual([]);
  // A token for the agent's script, made by the admin and shown once.
  admin.once('dialog', (d) => void d.accept('dana nightly'));
  await accounts.getByRole('row').filter({ hasText: 'dana' }).getByRole('button', { name: 'Make token' }).click();
  await expect(admin.locator('.secret-once')).toHaveText(/^cca_pat_/);
  await admin.getByRole('button', { name: 'Done' }).click();
  // Disabling the reviewer signs them out on their next request.
  await accounts.getByRole('row').filter({ hasText: 'rick' }).getByRole('button', { name: 'Disable' }).click();
  await expect(accounts.getByRole('row').filter({ hasText: 'rick' })).toContainText('disabled');
  await reviewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
  await expect(reviewer.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(reviewer.getByRole('alert')).toContainText('Your session ended.');

  // My account: a personal token, shown once.
  await agent.getByRole('link', { name: 'My account' }).click();
  await agent.getByLabel('Name').fill('my script');
  await agent.getByRole('button', { name: 'Make a token' }).click();
  await expect(agent.locator('.secret-once')).toHaveText(/^cca_pat_/);
  await expect(agent.getByRole('region', { name: 'My tokens' }).getByRole('row').filter({ hasText: 'dana nightly' })).toHaveCount(1);
  await snap(agent, 'users-agent-account');
  expect(await axe(agent)).toEqual([]);

  await lead.getByRole('button', { name: 'Sign out' }).click();
  await expect(lead.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});
