import AxeBuilder from '@axe-core/playwright';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { generateCalls } from '../helpers/fixtures.js';
import type { ServedApp } from '../helpers/serve-process.js';
import { expect, snap } from './fixtures.js';
import { withFakeProviders } from './with-fake-providers.js';

// Accessibility: axe-core (WCAG 2.x A/AA rules) over every view with real data, in light and dark
// themes. Calls are imported through the API and scored by the real pipeline against the fake
// providers, so the Calls list, the Call detail (transcript words, scorecard, evidence chips) and the
// Dashboard are populated. Serious and critical violations fail the test, every view's listed at once.
const calls = generateCalls({ formats: ['wav'] });
const agents = ['dana', 'eli', 'farah', 'gus'];

const test = withFakeProviders(calls);

async function importAndScore(app: ServedApp): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cca-a11y-'));
  const paths = calls.ids.map((id, i) => {
    const p = join(dir, `2024-05-0${i + 2}_${agents[i % agents.length]}_${id}.wav`);
    copyFileSync(calls.file(id, 'wav'), p);
    return p;
  });
  const res = await app.api('/api/v1/recordings/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paths }) });
  const batch = (await res.json()) as { ok: boolean; value: { results: { recordingId?: number }[] } };
  expect(batch.ok).toBe(true);
  await expect.poll(async () => {
    const list = (await (await app.api('/api/v1/calls?limit=50')).json()) as { value: { items: { scorePct: number | null }[] } };
    return list.value.items.filter((r) => r.scorePct !== null).length;
  }, { timeout: 150_000, intervals: [1000] }).toBe(calls.ids.length);
  return batch.value.results.map((r) => r.recordingId!);
}

interface Finding { view: string; id: string; impact: string; help: string; targets: string[]; why: string }

async function audit(page: Page, view: string): Promise<Finding[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ view, id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')), why: v.nodes[0]?.failureSummary ?? '' }));
}

test('accessibility: no serious or critical axe violations in any view, light and dark', async ({ page, openApp, app }) => {
  test.setTimeout(420_000);
  const ids = await importAndScore(app);
  await openApp(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const findings: Finding[] = [];

  // Every view in both themes at 1280×800, and again at a 1024×700 window; a screenshot of each.
  for (const { theme, width, height } of [
    { theme: 'light', width: 1280, height: 800 }, { theme: 'dark', width: 1280, height: 800 }, { theme: 'light', width: 1024, height: 700 },
  ] as const) {
    await page.setViewportSize({ width, height });
    const shot = (view: string) => snap(page, `view-${view.toLowerCase().replace(/\s+/g, '-')}-${theme}-${width}`);
    if ((await page.locator('html').getAttribute('data-theme')) !== theme) {
      await page.getByRole('button', { name: `Switch to ${theme} theme` }).first().click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    }
    await nav.getByRole('link', { name: 'Calls' }).click();
    await expect(page.getByRole('table', { name: 'Calls' }).getByRole('row').filter({ has: page.getByRole('cell') })).toHaveCount(calls.ids.length);
    findings.push(...(await audit(page, `Calls (${theme}, ${width})`)));
    await shot('Calls');

    await page.evaluate(`window.location.hash = "#/calls/${ids[0]!}"`);
    await expect(page.locator('.call-transcript .word').first()).toBeVisible();
    findings.push(...(await audit(page, `Call detail (${theme}, ${width})`)));
    await shot('Call');

    for (const [view, ready] of [
      ['Dashboard', page.getByRole('region', { name: 'Outcomes' })],
      ['Queue', page.getByRole('heading', { level: 1, name: 'Queue' })],
      ['Problems', page.getByRole('heading', { level: 1, name: 'Problems' })],
      ['System', page.getByRole('region', { name: 'Throughput' })],
      ['Import', page.getByRole('heading', { level: 1, name: 'Import' })],
      ['Reports', page.getByRole('heading', { level: 1, name: 'Reports' })],
      ['Settings', page.getByRole('region', { name: 'Rubrics' })],
    ] as const) {
      await nav.getByRole('link', { name: view }).click();
      await expect(ready).toBeVisible();
      await page.waitForTimeout(300); // let data-driven parts (charts, tables) settle
      findings.push(...(await audit(page, `${view} (${theme}, ${width})`)));
      await shot(view);
    }
  }
  const report = findings.map((f) => `${f.view}: [${f.impact}] ${f.id} — ${f.help}\n    ${f.targets.join('\n    ')}\n    ${f.why.replace(/\n/g, ' ')}`).join('\n');
  expect(findings, `axe violations:\n${report}`).toEqual([]);
});
