import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.js';

// The rubric editor in Settings at the window sizes reviewers use (1024×700 and 1280×800), light and
// dark: every row's controls fit, nothing scrolls sideways, the scorecard preview follows the edits,
// and saving makes a new version.

async function openEditor(page: Page): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const rubrics = page.getByRole('region', { name: 'Rubrics' });
  await expect(rubrics.getByRole('table', { name: 'Criteria' }).getByRole('row')).not.toHaveCount(1);
  // The section menu's link: the editor lands below the sticky menu, not under it.
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Rubrics and prices' }).click();
  const menu = await page.getByRole('navigation', { name: 'Settings sections' }).boundingBox();
  await expect.poll(async () => (await rubrics.getByRole('heading', { name: 'Rubrics' }).boundingBox())!.y).toBeGreaterThanOrEqual(menu!.y + menu!.height);
  return rubrics;
}

/** Everything the lead needs in a row, and the save button, lies within the window's width; nothing overflows sideways. */
async function expectFits(page: Page, rubrics: Locator): Promise<void> {
  const width = page.viewportSize()!.width;
  const within = async (l: Locator, what: string) => {
    await l.scrollIntoViewIfNeeded();
    const box = await l.boundingBox();
    expect(box, what).not.toBeNull();
    expect(box!.x, what).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, what).toBeLessThanOrEqual(width);
  };
  const rows = rubrics.getByRole('table', { name: 'Criteria' }).locator('tbody').getByRole('row');
  const n = await rows.count();
  expect(n).toBeGreaterThan(3);
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i);
    await within(row.getByRole('button', { name: /^Remove / }), `Remove of row ${i + 1}`);
    await within(row.locator('summary'), `rule control of row ${i + 1}`);
    await within(row.getByRole('spinbutton', { name: /^Weight of / }), `weight of row ${i + 1}`);
    await within(row.getByRole('checkbox', { name: /^Auto-fail on / }), `auto-fail of row ${i + 1}`);
    await within(row.getByRole('checkbox', { name: /^N\/A allowed for / }), `N/A of row ${i + 1}`);
  }
  await within(rubrics.getByRole('button', { name: 'Save as new version' }), 'Save as new version');
  // The save button is also in the window vertically (the action bar stays in reach).
  const save = (await rubrics.getByRole('button', { name: 'Save as new version' }).boundingBox())!;
  expect(save.y + save.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  const overflow = await page.evaluate(`(() => {
    const editor = document.querySelector('.rubrics-editor');
    const content = document.querySelector('.content');
    return { editor: editor.scrollWidth - editor.clientWidth, content: content.scrollWidth - content.clientWidth, page: document.documentElement.scrollWidth - window.innerWidth };
  })()`);
  expect(overflow).toEqual({ editor: 0, content: 0, page: 0 });
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  if ((await page.locator('html').getAttribute('data-theme')) === theme) return;
  await page.getByRole('button', { name: `Switch to ${theme} theme` }).first().click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

async function axe(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).include('.rubrics-editor').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((x) => x.target.join(' ')).slice(0, 3).join(', ')})`);
}

test('rubric editor fits 1024×700 and 1280×800 in both themes; the preview follows a weight; saving makes a new version', async ({ page, openApp, app }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(page);
  const rubrics = await openEditor(page);
  const preview = rubrics.getByRole('complementary', { name: 'Scorecard preview' });
  await expect(preview).toBeVisible();
  await expectFits(page, rubrics);

  // A weight edited in a row changes that question's points, its section's and the total in the preview.
  const first = rubrics.getByRole('table', { name: 'Criteria' }).locator('tbody').getByRole('row').first();
  const weight = first.getByRole('spinbutton', { name: /^Weight of / });
  const was = Number(await weight.inputValue());
  const id = await first.getByRole('textbox', { name: /^Id of / }).inputValue();
  const totalWas = Number((await preview.getByTestId('preview-total').locator('strong').textContent())!);
  const points = preview.locator(`[data-criterion="${id}"]`).getByTestId('preview-points');
  await expect(points).toHaveText(`${was} pts`);
  await weight.fill(String(was + 5));
  await expect(points).toHaveText(`${was + 5} pts`);
  await expect(preview.getByTestId('preview-total').locator('strong')).toHaveText(String(totalWas + 5));
  await expect(rubrics.getByRole('status').filter({ hasText: 'Unsaved changes' })).toBeVisible();
  // At 1024 the preview sits below the criteria; the action bar's Preview button takes the lead there.
  await rubrics.getByRole('button', { name: 'Preview' }).click();
  await expect.poll(async () => { const b = (await preview.boundingBox())!; return b.y >= 0 && b.y < 700 / 2; }).toBe(true);
  // Auto-fail marks the question in the preview.
  const second = rubrics.getByRole('table', { name: 'Criteria' }).locator('tbody').getByRole('row').nth(1);
  const secondId = await second.getByRole('textbox', { name: /^Id of / }).inputValue();
  const autoFail = second.getByRole('checkbox', { name: /^Auto-fail on / });
  const autoFailWas = await autoFail.isChecked();
  await autoFail.setChecked(!autoFailWas);
  await expect(preview.locator(`[data-criterion="${secondId}"]`).getByText('Auto-fail')).toHaveCount(autoFailWas ? 0 : 1);
  await autoFail.setChecked(autoFailWas);
  // The rule control opens in place, still within the window.
  await first.locator('summary').click();
  await expect(first.getByRole('textbox', { name: /^Local rule for / })).toBeVisible();
  await expectFits(page, rubrics);

  const findings: string[] = [];
  for (const { theme, width, height } of [
    { theme: 'light', width: 1024, height: 700 }, { theme: 'dark', width: 1024, height: 700 },
    { theme: 'dark', width: 1280, height: 800 }, { theme: 'light', width: 1280, height: 800 },
  ] as const) {
    await page.setViewportSize({ width, height });
    await setTheme(page, theme);
    await expectFits(page, rubrics);
    findings.push(...(await axe(page)).map((f) => `${theme} ${width}: ${f}`));
    await rubrics.getByRole('heading', { name: 'Rubrics' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Rubrics and prices' }).click();
    await snap(page, `rubric-editor-${width}-${theme}`);
    await preview.scrollIntoViewIfNeeded();
    await snap(page, `rubric-editor-preview-${width}-${theme}`);
    await first.scrollIntoViewIfNeeded();
    await snap(page, `rubric-editor-rule-${width}-${theme}`);
  }
  expect(findings, findings.join('\n')).toEqual([]);

  // A new criterion without a question is named as the thing to fix, and saving waits; Remove takes it away.
  await page.setViewportSize({ width: 1024, height: 700 });
  await setTheme(page, 'light');
  const rows = rubrics.getByRole('table', { name: 'Criteria' }).locator('tbody').getByRole('row');
  const before = await rows.count();
  await rubrics.getByRole('button', { name: 'Add criterion' }).click();
  await expect(rows).toHaveCount(before + 1);
  await expect(rows.last()).toContainText('Write the question');
  await expect(rubrics.getByRole('status').filter({ hasText: '1 thing to fix before saving' })).toBeVisible();
  await expect(rubrics.getByRole('button', { name: 'Save as new version' })).toBeDisabled();
  await expect(preview.getByText('(no question yet)')).toBeVisible();
  await rows.last().scrollIntoViewIfNeeded();
  await snap(page, 'rubric-editor-problem-1024-light');
  await expectFits(page, rubrics);
  await rows.last().getByRole('button', { name: /^Remove / }).click();
  await expect(rows).toHaveCount(before);

  // Saving makes version 2 with the new weight; the form and the preview show it as saved.
  await rubrics.getByRole('button', { name: 'Save as new version' }).click();
  await expect(page.getByText(/Saved .* v2\. New analyses use it\./)).toBeVisible();
  await expect(rubrics.getByRole('combobox', { name: 'Rubric' }).locator('option:checked')).toContainText('v2');
  await expect(preview).toContainText('v2');
  await expect(rubrics.getByRole('status').filter({ hasText: 'Saved as v2' })).toBeVisible();
  await expect(rubrics.getByRole('button', { name: 'Save as new version' })).toBeDisabled();
  await expect(weight).toHaveValue(String(was + 5));
  const list = (await (await app.api('/api/v1/rubrics')).json()) as { value: { version: number; criteria: { id: string; weight: number }[] }[] };
  const v2 = list.value.find((r) => r.version === 2)!;
  expect(v2.criteria.find((c) => c.id === id)!.weight).toBe(was + 5);
  // Nothing unsaved now: leaving asks nothing.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Calls' })).toBeVisible();
});
