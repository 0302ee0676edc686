import { defaultAnalyze } from '../fakes/index.js';
import { generateCalls } from '../helpers/fixtures.js';
import { expect, snap } from './fixtures.js';
import { withFakeProviders } from './with-fake-providers.js';

// Issue 17 as a reviewer sees it: evidence chips say how each quote was found (exact quietly,
// approximate visibly), an answer with no evidence says so, quoted text that is not in the call is
// listed on its criterion, the transcript's quality sits in the scorecard's header and a poor one
// labels the scorecard low-confidence; the Calls list has a Quality column, the Dashboard the share
// of unsupported answers per criterion.
const calls = generateCalls({ formats: ['wav'] });
const test = withFakeProviders(calls);
const CALL = 'billing-refund-good';
type Ev = { quote: string; speaker: string; start: number; end: number };
type Out = { criteria: Record<string, { answer: string; rationale: string; evidence: Ev[] }> };
const at = (quote: string): Ev => ({ quote, speaker: 'agent', start: 9, end: 12 });

test('evidence levels, unsupported answers, quotes not in the call and transcript quality', async ({ page, openApp, app, fakes }) => {
  fakes.openai.setAnalyze((req) => {
    const out = defaultAnalyze(req) as Out;
    out.criteria.resolution = { answer: 'yes', rationale: 'Refunded.', evidence: [at("I've refunded the duplicate payment"), at('it will reach your card within five days')] };
    out.criteria.empathy!.evidence = [at('I completely understand how upsetting this must be')];
    out.criteria.professionalism = { answer: '4', rationale: 'Polite throughout.', evidence: [] };
    return out;
  });
  await openApp(page);
  const imported = (await (await app.api('/api/v1/recordings/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paths: [calls.file(CALL, 'wav')] }) })).json()) as { value: { results: { recordingId: number }[] } };
  const id = imported.value.results[0]!.recordingId;
  await page.goto(`${app.url.split('#')[0]}#/calls/${id}`);

  const scorecard = page.getByRole('region', { name: 'Scorecard' });
  await expect(scorecard.getByTestId('transcript-quality')).toHaveText(/Transcript \d+\/100/, { timeout: 60_000 });
  const resolution = scorecard.locator('[data-criterion="resolution"]');
  await expect(resolution.locator('.chip[data-match="normalised"]')).toHaveAttribute('title', /the AI quoted “I've refunded the duplicate payment”/);
  await expect(resolution.locator('.chip[data-match="approximate"] .chip-level')).toHaveText(/≈ \d+%/);
  await expect(scorecard.locator('[data-criterion="professionalism"] .support')).toHaveText('Unsupported');
  await expect(scorecard.locator('[data-criterion="empathy"] .crit-issue')).toContainText('Quoted text not in the call');
  await scorecard.locator('[data-criterion="professionalism"]').scrollIntoViewIfNeeded();
  await snap(page, 'call-unsupported');
  await expect(scorecard.getByTestId('low-confidence')).toHaveCount(0);
  await resolution.scrollIntoViewIfNeeded();
  await snap(page, 'call-evidence-levels');

  await page.goto(`${app.url.split('#')[0]}#/calls`);
  const header = page.getByRole('columnheader', { name: /Quality/ });
  await expect(header).toBeVisible();
  await snap(page, 'calls-quality-column');

  await page.goto(`${app.url.split('#')[0]}#/dashboard`);
  await expect(page.getByText('AI answers without evidence, per criterion')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Overview' }).or(page.getByLabel('Overview'))).toContainText('Needs a person first');
  await page.getByText('AI answers without evidence, per criterion').scrollIntoViewIfNeeded();
  await snap(page, 'dashboard-unsupported');

  // The same call re-attached as a poor transcript (half the words unsure).
  const truth = calls.truth(CALL);
  const words = truth.turns.flatMap((t) => {
    const ws = t.text.split(/\s+/);
    const step = (t.end - t.start) / ws.length;
    return ws.map((w, i) => ({ text: w, start: t.start + i * step, end: t.start + (i + 1) * step, speaker_id: t.speaker === 'agent' ? 'speaker_0' : 'speaker_1' }));
  });
  const content = JSON.stringify({ language_code: 'spa', text: words.map((w) => w.text).join(' '), words: words.flatMap((w, i) => [...(i ? [{ text: ' ', type: 'spacing', start: w.start, end: w.start, speaker_id: w.speaker_id }] : []), { ...w, type: 'word', logprob: i % 2 === 0 ? -3 : -0.02 }]) });
  await app.api(`/api/v1/recordings/${id}/transcript/text`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fileName: 'call.json', content }) });
  await page.goto(`${app.url.split('#')[0]}#/calls/${id}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('low-confidence')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('low-confidence')).toContainText('waits for your review');
  await page.getByTestId('low-confidence').scrollIntoViewIfNeeded();
  await snap(page, 'call-low-confidence');
});
