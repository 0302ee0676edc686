import { generateCalls } from '../helpers/fixtures.js';
import { expect, snap } from './fixtures.js';
import { withFakeProviders } from './with-fake-providers.js';

// Issue 18: three calls reviewed in a row from the Calls list without the mouse: open, play and
// pause, move through the transcript and play from a word, override one answer with a comment, mark
// reviewed and go to the next. Key presses are counted (the comment's letters are one "type" each
// call and are reported apart); target ≤ 25 per call.
const calls = generateCalls({ formats: ['wav'] });
const test = withFakeProviders(calls);

test('keyboard only: review three calls in a row', async ({ page, openApp, app }) => {
  test.setTimeout(180_000);
  const post = (path: string, body: unknown) => app.api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await post('/api/v1/recordings/import', { paths: calls.ids.slice(0, 3).map((id) => calls.file(id, 'wav')) });
  await expect.poll(async () => {
    const r = (await (await app.api('/api/v1/calls?status=done')).json()) as { value: { total: number } };
    return r.value.total;
  }, { timeout: 120_000 }).toBe(3);

  await openApp(page);
  await page.goto(`${app.url.split('#')[0]}#/calls`);
  await expect(page.locator('.calls-vrow .calls-row')).toHaveCount(3);
  let presses = 0;
  const press = async (key: string, times = 1) => {
    for (let i = 0; i < times; i++) {
      await page.keyboard.press(key);
      presses++;
    }
  };
  const id = () => Number(/#\/calls\/(\d+)/.exec(page.url())?.[1]);

  await press('Enter');
  const reviewed: number[] = [];
  for (let n = 0; n < 3; n++) {
    await expect(page.getByTestId('score-total')).toHaveText(/\d+%/, { timeout: 30_000 });
    const callId = id();
    const before = presses;
    await expect(page.locator('h1')).toBeFocused();
    await press(' ');
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    await press(' ');
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    // Into the transcript, three lines down, two words on, play from there.
    await press('t');
    await press('ArrowDown', 3);
    await press('ArrowRight', 2);
    const word = page.locator(':focus');
    await expect(word).toHaveAttribute('data-word', '2');
    const at = Number(await word.getAttribute('data-start'));
    await press('Enter');
    await expect.poll(() => page.locator('audio').evaluate((a) => (a as unknown as { currentTime: number }).currentTime)).toBeCloseTo(at, 0);
    if (n === 0) await snap(page, 'keyboard-transcript-cursor');
    // The scorecard's first Override: change the answer, say why, save.
    await press('s');
    await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^Override: /);
    await press('Enter');
    await expect(page.getByLabel('Reviewer answer')).toBeFocused();
    await press('ArrowDown');
    await press('Tab');
    await page.keyboard.type('Checked by ear.');
    await press('Control+Enter');
    await expect(page.locator('.criterion.overridden')).toHaveCount(1);
    if (n === 0) await snap(page, 'keyboard-override-saved');
    await press('m');
    reviewed.push(callId);
    console.log(`call ${n + 1}: ${presses - before} key presses`);
    if (n < 2) await expect.poll(id).not.toBe(callId);
  }
  await expect(page).toHaveURL(/#\/calls$/);
  const perCall = (presses - 1) / 3;
  console.log(`keyboard review: ${presses} key presses for 3 calls (${perCall.toFixed(1)} per call, + the comment typed), target ≤ 25 per call`);
  expect(perCall).toBeLessThanOrEqual(25);
  for (const callId of reviewed) {
    const r = (await (await app.api(`/api/v1/recordings/${callId}/review`)).json()) as { value: { reviewed: boolean; overrides: { comment: string }[] } };
    expect(r.value.reviewed).toBe(true);
    expect(r.value.overrides.map((o) => o.comment)).toEqual(['Checked by ear.']);
  }
  // Back on the list: the last call reviewed is marked and selected.
  await expect(page.locator('.calls-row.recent')).toHaveCount(1);
  await snap(page, 'keyboard-back-to-list');
});

