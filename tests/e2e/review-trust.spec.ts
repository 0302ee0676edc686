import { generateCalls } from '../helpers/fixtures.js';
import { expect, snap } from './fixtures.js';
import { withFakeProviders } from './with-fake-providers.js';

// Issue 18: the points a reviewer sees move with the answer (per criterion and in the total, from one
// scoring function); the Compliance flag and each compliance item explain themselves and can be
// overridden; "Hide personal data" masks the card number in the transcript, the search snippet and the
// Personal data panel, and a reveal is audited.
const calls = generateCalls({ formats: ['wav'] });
const test = withFakeProviders(calls);
const CARD = 'card-payment-pii';

test('points follow overrides, flags explain themselves, personal data hidden on screen', async ({ page, openApp, app }) => {
  test.setTimeout(150_000);
  const imported = (await (await app.api('/api/v1/recordings/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paths: [calls.file(CARD, 'wav')] }) })).json()) as { value: { results: { recordingId: number }[] } };
  const id = imported.value.results[0]!.recordingId;
  await expect.poll(async () => ((await (await app.api(`/api/v1/calls?ids=${id}`)).json()) as { value: { items: { status: string }[] } }).value.items[0]?.status, { timeout: 90_000 }).toBe('done');
  await openApp(page);
  await page.goto(`${app.url.split('#')[0]}#/calls/${id}`);

  // Override a 15-point yes/no criterion: its points and the total change together.
  const scorecard = page.getByRole('region', { name: 'Scorecard' });
  const crit = scorecard.locator('[data-criterion="resolution"]');
  await expect(crit.getByTestId('criterion-points')).toHaveText(/^(0|15) \/ 15 pts$/, { timeout: 30_000 });
  const before = (await crit.getByTestId('criterion-points').textContent())!;
  const totalBefore = (await page.getByTestId('score-total').textContent())!;
  await crit.getByRole('button', { name: /^Override/ }).click();
  const flipped = before.startsWith('15') ? 'no' : 'yes';
  await crit.getByLabel('Reviewer answer').selectOption(flipped);
  await crit.getByLabel('Why (required)').fill('Listened again.');
  await crit.getByRole('button', { name: 'Save override' }).click();
  await expect(crit.getByTestId('criterion-points')).toHaveText(flipped === 'yes' ? '15 / 15 pts' : '0 / 15 pts');
  await expect(page.getByTestId('score-total')).not.toHaveText(totalBefore);
  const review = (await (await app.api(`/api/v1/recordings/${id}/review`)).json()) as { value: { finalScore: { scorePct: number; points: Record<string, number> } } };
  expect(review.value.finalScore.points.resolution).toBe(flipped === 'yes' ? 15 : 0);
  await expect(page.getByTestId('score-total')).toHaveText(`${review.value.finalScore.scorePct}%`);

  // Compliance: why the flag is (or is not) set, and an item overridden like a criterion.
  const compliance = page.getByRole('region', { name: 'Compliance' });
  await expect(compliance.getByTestId('compliance-why')).toBeVisible();
  const item = compliance.locator('[data-compliance="0"]');
  await item.getByRole('button', { name: /^Override/ }).click();
  await item.getByLabel('Reviewer status').selectOption('not_met');
  await item.getByLabel('Why (required)').fill('No disclosure before the card number.');
  await item.getByRole('button', { name: 'Save override' }).click();
  await expect(compliance.getByTestId('compliance-why')).toContainText('Not met:');
  await compliance.scrollIntoViewIfNeeded();
  await snap(page, 'call-compliance-panel');
  await page.goto(`${app.url.split('#')[0]}#/calls`);
  const flag = page.locator(`[data-call-id="${id}"] .calls-flag-compliance`);
  await expect(flag).toHaveAttribute('title', /Not met: /);

  // Hide personal data: the transcript, the search snippet and the Personal data panel are masked.
  await page.getByRole('button', { name: 'Hide personal data' }).click();
  await expect(page.getByRole('button', { name: 'Personal data hidden' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('searchbox').or(page.getByPlaceholder(/Search/)).first().fill('security code');
  const snippet = page.locator(`[data-call-id="${id}"] .calls-snippet`);
  await expect(snippet).toBeVisible({ timeout: 15_000 });
  await expect(snippet).not.toContainText('one two three');
  await snap(page, 'calls-search-pii-hidden');
  await page.goto(`${app.url.split('#')[0]}#/calls/${id}`);
  const transcript = page.getByRole('region', { name: 'Transcript' });
  await expect(transcript.locator('.segment').first()).toBeVisible({ timeout: 20_000 });
  await expect(transcript).not.toContainText('Four five five six');
  await page.getByText('Call details, talk time, rule checks and personal data').click();
  const panel = page.getByRole('region', { name: 'Personal data' });
  await expect(panel.getByTestId('pii-text').first()).toContainText('•');
  await expect(panel).not.toContainText('Four five five six');
  await panel.getByRole('button', { name: 'Reveal' }).first().click();
  await expect(panel.getByTestId('pii-text').first()).not.toContainText('•');
  await panel.scrollIntoViewIfNeeded();
  await snap(page, 'call-pii-hidden');
  const audit = (await (await app.api(`/api/v1/recordings/${id}/audit`)).json()) as { value: { action: string }[] };
  expect(audit.value.map((a) => a.action)).toContain('reveal_pii');
});
