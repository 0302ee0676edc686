import { readFileSync } from 'node:fs';
import { generateCalls } from '../helpers/fixtures.js';
import { expect, snap } from './fixtures.js';
import { withFakeProviders } from './with-fake-providers.js';

// The whole paid path with the fakes standing in for the providers: drop a stereo call on the window,
// the queue transcribes it (ElevenLabs, per channel) and analyses it (OpenAI structured outputs), and
// the call page shows the Agent/Customer transcript and the scorecard with evidence chips.
const calls = generateCalls({ formats: ['wav'] });

const test = withFakeProviders(calls);

test('drop a call → transcript with roles and an evidence-linked scorecard', async ({ page, openApp, app, fakes }) => {
  const id = calls.ids[0]!;
  const files = [{ name: `2024-05-02_dana_${id}.wav`, type: 'audio/wav', b64: readFileSync(calls.file(id, 'wav')).toString('base64') }];
  await openApp(page);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const dataTransfer = await page.evaluateHandle((list) => {
    const dom = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
    };
    const dt = new dom.DataTransfer();
    for (const f of list) dt.items.add(new dom.File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    return dt;
  }, files);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.getByText('1 call imported')).toBeVisible();

  const list = (await (await app.api('/api/v1/recordings')).json()) as { value: { items: { id: number }[] } };
  const recordingId = list.value.items[0]!.id;
  await page.goto(`${app.url.split('#')[0]}#/calls/${recordingId}`);

  const transcript = page.getByRole('region', { name: 'Transcript' });
  await expect(transcript.locator('.segment').first()).toBeVisible({ timeout: 45_000 });
  const truth = calls.truth(id);
  await expect(transcript.locator('.segment')).toHaveCount(truth.turns.length);
  await expect(transcript.locator('.segment').first().locator('.seg-role')).toHaveText('Agent');
  await expect(transcript.locator('.segment.role-customer').first()).toBeVisible();
  await expect(transcript).toContainText(truth.turns[0]!.text.split(' ').slice(0, 4).join(' '));

  const scorecard = page.getByRole('region', { name: 'Scorecard' });
  await expect(page.getByTestId('score-total')).toHaveText(/\d+%/, { timeout: 45_000 });
  await expect(scorecard.locator('.criterion')).toHaveCount(8);
  await expect(scorecard.locator('[data-criterion="greeting"] .source')).toHaveText('Rule');
  await expect(scorecard.locator('[data-criterion="empathy"] .source')).toHaveText('AI');

  // An evidence chip jumps to the quoted moment.
  const chip = scorecard.locator('[data-criterion="greeting"] .chip').first();
  await expect(chip).toBeVisible();
  await chip.click();
  await expect(transcript.locator('.segment.active')).toHaveCount(1);
  await snap(page, 'call-detail');

  // The REST API serves the same facts.
  const an = (await (await app.api(`/api/v1/recordings/${recordingId}/analysis`)).json()) as { value: { analysis: { scorecard: { criteria: { id: string; evidence: unknown[] }[] } } } };
  expect(an.value.analysis.scorecard.criteria).toHaveLength(8);
  const tr = (await (await app.api(`/api/v1/recordings/${recordingId}/transcript`)).json()) as { value: { provider: string; costUsd: number } };
  expect(tr.value).toMatchObject({ provider: 'elevenlabs' });
  expect(tr.value.costUsd).toBeGreaterThan(0);
  const health = (await (await app.api('/api/v1/health')).json()) as { value: { providers: { id: string; configured: boolean }[] } };
  expect(health.value.providers.find((p) => p.id === 'openai')?.configured).toBe(true);
  expect(fakes.openai.violations).toEqual([]);
  expect(fakes.eleven.violations).toEqual([]);

  // A second rubric: the call page offers it, and re-analysing with it re-scores against it.
  const rubrics = (await (await app.api('/api/v1/rubrics')).json()) as { value: { criteria: unknown[] }[] };
  const saved = await app.api('/api/v1/rubrics', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Strict review', description: 'Stricter weights', criteria: rubrics.value[0]!.criteria }),
  });
  expect(saved.status).toBe(200);
  await page.reload();
  await page.getByRole('combobox', { name: 'Rubric for re-analysis' }).selectOption({ label: 'Strict review v1' });
  await page.getByRole('button', { name: 'Re-analyze' }).click();
  await expect(scorecard).toContainText('Strict review v1', { timeout: 30_000 });
  const again = (await (await app.api(`/api/v1/recordings/${recordingId}/analysis`)).json()) as { value: { analysis: { scorecard: { rubricName: string } } } };
  expect(again.value.analysis.scorecard.rubricName).toBe('Strict review');

  // Call details are editable on the call page (in the folded strip under the player); saved and audited.
  await page.getByText('Call details, talk time, rule checks and personal data').click();
  const details = page.getByRole('region', { name: 'Call details' });
  await details.getByRole('button', { name: 'Edit details' }).click();
  await details.getByLabel('Queue').fill('retention');
  await details.getByLabel('Direction').selectOption('outbound');
  await page.locator('main').evaluate((el) => el.scrollTo(0, 0));
  await snap(page, 'call-details-editing');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details).toContainText('Queue retention');
  const rec = (await (await app.api(`/api/v1/recordings/${recordingId}`)).json()) as { value: { metadata: { queue: string; direction: string }; metadataSources: Record<string, string> } };
  expect(rec.value.metadata).toMatchObject({ queue: 'retention', direction: 'outbound' });
  expect(rec.value.metadataSources.queue).toBe('user');
});
