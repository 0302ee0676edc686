import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCalls } from '../helpers/fixtures.js';
import type { ServedApp } from '../helpers/serve-process.js';
import { expect, snap } from './fixtures.js';
import { withFakeProviders } from './with-fake-providers.js';

// Issue 7's reviewer journey in real Chromium against the built server (browser mode) with the fake
// providers: import → list with scores → search → open → word and evidence seek the audio → override
// → the final score changes and survives a reload → the dashboard shows the call's agent.
const calls = generateCalls({ formats: ['wav'] });
const agents = ['dana', 'eli', 'farah', 'gus'];
const PHRASE = 'charged twice for my October bill';

const test = withFakeProviders(calls);

const clock = (sec: number) => `${Math.floor(sec / 60)}:${String(Math.floor(sec) % 60).padStart(2, '0')}`;
const json = async <T>(app: ServedApp, path: string) => ((await (await app.api(path)).json()) as { value: T }).value;

interface Word { text: string; start: number }
interface Criterion { id: string; question: string; type: string; answer: string; autoFail: boolean; evidence: { quote: string; start: number }[] }

/** Import the fixtures named `<date>_<agent>_<id>.wav` (the default file name pattern) and wait until all are scored. */
async function importAndScore(app: ServedApp): Promise<Map<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'cca-review-'));
  const paths = calls.ids.map((id, i) => {
    const p = join(dir, `2024-05-0${i + 2}_${agents[i]}_${id}.wav`);
    copyFileSync(calls.file(id, 'wav'), p);
    return p;
  });
  const res = await app.api('/api/v1/recordings/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paths }) });
  const batch = (await res.json()) as { ok: boolean; value: { results: { recordingId?: number; sourcePath?: string }[] } };
  expect(batch.ok).toBe(true);
  const byFixture = new Map(batch.value.results.map((r) => [calls.ids[paths.indexOf(r.sourcePath!)]!, r.recordingId!]));
  await expect.poll(async () => (await json<{ items: { scorePct: number | null }[] }>(app, '/api/v1/calls?limit=50')).items.filter((r) => r.scorePct !== null).length,
    { timeout: 150_000, intervals: [1000] }).toBe(calls.ids.length);
  return byFixture;
}

test('review workspace: search, open, seek by word and evidence, override, dashboard', async ({ page, openApp, app }) => {
  test.setTimeout(240_000);
  const ids = await importAndScore(app);
  const target = ids.get('billing-refund-good')!;
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);

  // Calls list: every imported call, each with a score.
  const table = page.getByRole('table', { name: 'Calls' });
  const bodyRows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(bodyRows).toHaveCount(calls.ids.length);
  for (let i = 0; i < calls.ids.length; i++) await expect(bodyRows.nth(i).locator('.calls-score .num')).toHaveText(/^\d+$/);
  await snap(page, 'review-calls');

  // Search: exactly the call that says the phrase, with the hit highlighted in its snippet.
  await page.getByRole('searchbox', { name: 'Search transcripts' }).fill(PHRASE);
  await expect(bodyRows).toHaveCount(1);
  await expect(bodyRows.first()).toHaveAttribute('data-call-id', String(target));
  await expect(bodyRows.first().locator('mark').first()).toContainText('charged twice');
  await snap(page, 'review-search');

  // Open it.
  await bodyRows.first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/calls/${target}$`));
  const transcript = page.getByRole('region', { name: 'Transcript' });
  const scorecard = page.getByRole('region', { name: 'Scorecard' });
  await expect(page.getByTestId('score-total')).toHaveText(/\d+(\.\d)?%/);
  const audio = page.locator('audio');
  await expect(audio).toHaveAttribute('src', new RegExp(`/api/v1/recordings/${target}/audio\\?exp=\\d+&sig=`));
  const currentTime = () => audio.evaluate((a) => (a as unknown as { currentTime: number }).currentTime);

  // Click a word: the audio moves to that word's start.
  const tr = await json<{ transcript: { segments: { words: Word[] }[] } }>(app, `/api/v1/recordings/${target}/transcript`);
  const word = tr.transcript.segments[2]!.words[1]!;
  await transcript.getByRole('button', { name: `${word.text} at ${clock(word.start)}`, exact: true }).first().click();
  await expect.poll(currentTime).toBeGreaterThanOrEqual(word.start - 0.3);
  expect(Math.abs((await currentTime()) - word.start)).toBeLessThanOrEqual(0.3);

  // Click an evidence chip: the audio moves to the quoted moment.
  const an = await json<{ analysis: { scorecard: { criteria: Criterion[] } } }>(app, `/api/v1/recordings/${target}/analysis`);
  const withEvidence = an.analysis.scorecard.criteria.find((c) => c.evidence.length && Math.abs(c.evidence[0]!.start - word.start) > 1)!;
  const ev = withEvidence.evidence[0]!;
  await scorecard.getByRole('button', { name: `Evidence at ${clock(ev.start)}: ${ev.quote}`, exact: true }).first().click();
  await expect.poll(async () => Math.abs((await currentTime()) - ev.start)).toBeLessThanOrEqual(0.3);
  await expect(transcript.locator('.segment.active')).toHaveCount(1);
  await snap(page, 'review-call-detail');

  // Override a criterion whose change moves the score; the AI answer stays visible, greyed.
  const before = (await page.getByTestId('score-total').textContent())!;
  const crit = an.analysis.scorecard.criteria.find((c) => !c.autoFail && c.type === 'yes_no')!;
  const newAnswer = crit.answer === 'yes' ? 'No' : 'Yes';
  await scorecard.getByRole('button', { name: `Override: ${crit.question}` }).click();
  const form = scorecard.getByRole('form', { name: `Override ${crit.question}` });
  await form.getByRole('combobox', { name: 'Reviewer answer' }).selectOption({ label: newAnswer });
  await expect(form.getByRole('button', { name: 'Save override' })).toBeDisabled(); // a comment is required
  await form.getByRole('textbox', { name: 'Why (required)' }).fill('The agent did not do this; listen at 0:20.');
  await form.getByRole('button', { name: 'Save override' }).click();
  const item = scorecard.getByRole('listitem', { name: crit.question });
  await expect(item.getByTestId('final-answer')).toHaveText(newAnswer);
  await expect(item.locator('.ai-greyed')).toContainText(crit.answer === 'yes' ? 'Yes' : 'No');
  await expect(page.getByTestId('score-total')).not.toHaveText(before);
  const after = (await page.getByTestId('score-total').textContent())!;
  await page.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(page.getByRole('button', { name: '✓ Reviewed' })).toBeVisible();
  await page.getByRole('region', { name: 'Comments' }).getByRole('textbox', { name: 'New comment' }).fill('Coaching: disclosure first.');
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.getByRole('region', { name: 'Comments' })).toContainText('Coaching: disclosure first.');
  await page.locator('.call-audit summary').click();
  await expect(page.locator('.call-audit')).toContainText('Overrode');
  await snap(page, 'review-override');

  // It was saved at once: a reload shows the same final score, and the list shows it too.
  await page.reload();
  await expect(page.getByTestId('score-total')).toHaveText(after);
  await expect(scorecard.getByRole('listitem', { name: crit.question }).getByTestId('final-answer')).toHaveText(newAnswer);
  const listed = (await json<{ items: { id: number; scorePct: number; reviewedAt: string | null }[] }>(app, '/api/v1/calls?limit=50')).items.find((r) => r.id === target)!;
  expect(`${Math.round(listed.scorePct * 10) / 10}%`).toBe(after);
  expect(listed.reviewedAt).not.toBeNull();

  // The dashboard shows the call's agent.
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  const agentsTable = page.getByRole('table', { name: 'Scores per agent' });
  await expect(agentsTable).toContainText('dana');
  await expect(page.getByRole('region', { name: 'Score distribution' })).toBeVisible();
  await snap(page, 'review-dashboard');

  // A chart element opens the Calls view filtered to its calls.
  await agentsTable.getByRole('button', { name: 'dana' }).click();
  await expect(page).toHaveURL(/#\/calls\?agent=dana/);
  await expect(bodyRows).toHaveCount(1);
});
