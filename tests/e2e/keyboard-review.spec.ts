import type { Locator } from '@playwright/test';
import { generateCalls } from '../helpers/fixtures.js';
import { expect, snap } from './fixtures.js';
import { withFakeProviders } from './with-fake-providers.js';

// Issue 18: three calls reviewed in a row from the Calls list without the mouse: open, play and
// pause, move through the transcript and play from a word, override one answer with a comment, mark
// reviewed and go to the next. Key presses are counted (the comment's letters are one "type" each
// call and are reported apart); target ≤ 25 per call.
const calls = generateCalls({ formats: ['wav'] });
const test = withFakeProviders(calls);

/** The key that overrides a focused question with an answer other than the one it shows (y / n / a, 1–5 on a scale). */
async function otherAnswerKey(item: Locator): Promise<string> {
  const shown = (await item.getByTestId('final-answer').textContent())!.trim();
  const scale = (await item.getAttribute('aria-keyshortcuts'))!.includes('1');
  if (!scale) return shown === 'Yes' ? 'n' : 'y';
  return shown.startsWith('1') ? '5' : '1';
}

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
    // Into the transcript, three lines down, two words on, play from there (paused: Enter plays).
    await press('t');
    await press('ArrowDown', 3);
    await press('ArrowRight', 2);
    const word = page.locator(':focus');
    await expect(word).toHaveAttribute('data-word', '2');
    const at = Number(await word.getAttribute('data-start'));
    const currentTime = () => page.locator('audio').evaluate((a) => (a as unknown as { currentTime: number }).currentTime);
    await press('Enter');
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    await expect.poll(currentTime).toBeGreaterThanOrEqual(at - 0.05);
    expect(await currentTime()).toBeLessThan(at + 3);
    if (n === 0) await snap(page, 'keyboard-transcript-cursor');
    // The scorecard's first question: a key picks the other answer and opens the comment box; Enter saves.
    await press('s');
    const question = page.locator('li.criterion:focus');
    await expect(question).toHaveCount(1);
    await press(await otherAnswerKey(question));
    await expect(page.getByLabel('Why (required)')).toBeFocused();
    await page.keyboard.type('Checked by ear.');
    await press('Enter');
    await expect(page.locator('.criterion.overridden')).toHaveCount(1);
    await expect(question).toBeFocused();
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


// Issue 36 item 9: one override from the call page's first focus, keyboard only, counted. The
// scorecard is one Tab stop; `s` puts the keyboard on its question, ↓ moves between questions, y / n
// (1–5 on a scale) opens the override with that answer and the comment box focused, Enter saves.
// The comment is typed with one `keyboard.type` and not counted. Target ≤ 10 presses.
test('keyboard only: override one question with a comment', async ({ page, openApp, app }) => {
  test.setTimeout(150_000);
  const post = (path: string, body: unknown) => app.api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await post('/api/v1/recordings/import', { paths: [calls.file(calls.ids[0]!, 'wav')] });
  let callId = 0;
  await expect.poll(async () => {
    const r = (await (await app.api('/api/v1/calls?status=done')).json()) as { value: { items: { id: number }[] } };
    callId = r.value.items[0]?.id ?? 0;
    return callId;
  }, { timeout: 120_000 }).toBeGreaterThan(0);
  type Review = { value: { overrides: { criterionId: string; answer: string; comment: string; aiAnswer: string | null }[]; finalScore: { earned: number; scorePct: number | null; points: Record<string, number | null> } } };
  const review = async () => ((await (await app.api(`/api/v1/recordings/${callId}/review`)).json()) as Review).value;

  await openApp(page);
  await page.goto(`${app.url.split('#')[0]}#/calls/${callId}`);
  await expect(page.getByTestId('score-total')).toHaveText(/\d+%/, { timeout: 30_000 });
  await expect(page.locator('h1')).toBeFocused();

  // The question to change: the first after the first one whose Yes/No answer carries points
  // (so ↓ is used and the total moves). Read off the page; the keyboard does the rest.
  const items = page.locator('[aria-label="Scorecard"] li.criterion');
  const target = await items.evaluateAll((lis) => lis.findIndex((li, i) => {
    const answer = li.querySelector('[data-testid="final-answer"]')?.textContent?.trim();
    const weight = Number(/\/ (\d+) pts/.exec(li.querySelector('[data-testid="criterion-points"]')?.textContent ?? '')?.[1] ?? 0);
    return i > 0 && (answer === 'Yes' || answer === 'No') && weight > 0 && !li.querySelector('.autofail');
  }));
  expect(target).toBeGreaterThan(0);
  const item = items.nth(target);
  const id = (await item.getAttribute('data-criterion'))!;
  const before = await review();
  const totalBefore = (await page.getByTestId('score-total').textContent())!;
  const pointsBefore = (await item.getByTestId('criterion-points').textContent())!;
  // The scorecard is one Tab stop: only one question is tabbable and no chip or button inside is.
  await expect(page.locator('[aria-label="Scorecard"] [tabindex="0"]')).toHaveCount(1);
  await expect(page.locator('[aria-label="Scorecard"] .chip:not([tabindex="-1"]), [aria-label="Scorecard"] li.criterion button:not([tabindex="-1"])')).toHaveCount(0);

  let presses = 0;
  const press = async (key: string, times = 1) => {
    for (let i = 0; i < times; i++) {
      await page.keyboard.press(key);
      presses++;
    }
  };
  await press('s');
  await expect(items.first()).toBeFocused();
  await press('ArrowDown', target);
  await expect(item).toBeFocused();
  await expect(item.locator('.crit-keys')).toBeVisible();
  await snap(page, 'keyboard-override-question');
  const key = await otherAnswerKey(item);
  const newAnswer = key === 'y' ? 'Yes' : 'No';
  await press(key);
  const form = item.getByRole('form', { name: /^Override / });
  await expect(form.getByLabel('Why (required)')).toBeFocused();
  await expect(form.getByRole('combobox', { name: 'Reviewer answer' })).toHaveValue(newAnswer.toLowerCase());
  const comment = 'Heard it: the agent did the opposite.';
  await page.keyboard.type(comment);
  await snap(page, 'keyboard-override-form');
  await press('Enter');
  await expect(form).toHaveCount(0);
  await expect(item).toBeFocused();
  console.log(`keyboard override: ${presses} key presses + the comment (${comment.length} characters typed), target ≤ 10`);
  expect(presses).toBeLessThanOrEqual(10);

  // Saved: overridden on the page (the AI's answer greyed beside it), points and total moved, and in the API.
  await expect(item).toHaveClass(/overridden/);
  await expect(item.getByTestId('final-answer')).toHaveText(newAnswer);
  await expect(item.locator('.source-reviewer')).toBeVisible();
  await expect(item.getByTestId('criterion-points')).not.toHaveText(pointsBefore);
  await expect(page.getByTestId('score-total')).not.toHaveText(totalBefore);
  const after = await review();
  expect(after.overrides).toEqual([expect.objectContaining({ criterionId: id, answer: newAnswer.toLowerCase(), comment })]);
  expect(after.finalScore.points[id]).not.toBe(before.finalScore.points[id]);
  expect(after.finalScore.earned).not.toBe(before.finalScore.earned);

  // Esc cancels an editor and gives the keyboard back to the question; o opens it on the answer itself.
  await page.keyboard.press('ArrowUp');
  await expect(items.nth(target - 1)).toBeFocused();
  await page.keyboard.press('o');
  await expect(items.nth(target - 1).getByLabel('Reviewer answer')).toBeFocused();
  await page.keyboard.press('Enter'); // on the answer: on to the comment, nothing saved yet
  await expect(items.nth(target - 1).getByLabel('Why (required)')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(items.nth(target - 1)).toBeFocused();
  await expect(page.getByRole('form', { name: /^Override / })).toHaveCount(0);
  // Enter on a question plays its first piece of evidence, even when paused.
  const withEvidence = items.filter({ has: page.locator('.chip') }).first();
  await withEvidence.focus();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(withEvidence.locator('.chip.current')).toHaveCount(1);
  await expect(withEvidence.locator('.chip').first()).toHaveClass(/current/);
  expect((await review()).overrides).toHaveLength(1);
  // The `?` list names these keys.
  await page.keyboard.press('?');
  const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('region', { name: 'Scorecard question' });
  await expect(keys).toContainText('y / n / a');
  await expect(keys).toContainText('Play its evidence');
  await snap(page, 'keyboard-shortcuts-overlay');
  await page.keyboard.press('Escape');
  await expect(withEvidence).toBeFocused();
  // r on the overridden question reverts it to the AI's answer, the keyboard stays there.
  await item.focus();
  await page.keyboard.press('r');
  await expect(item).not.toHaveClass(/overridden/);
  await expect(page.getByTestId('score-total')).toHaveText(totalBefore);
  await expect(item).toBeFocused();
  expect((await review()).overrides).toHaveLength(0);
});
