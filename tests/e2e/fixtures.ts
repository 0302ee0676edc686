import { test as base, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, startServedApp, type ServedApp } from '../helpers/serve-process.js';

export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

/**
 * `app`: the real built server (browser mode) on a fresh temp data dir per test, stopped afterwards.
 * `openApp(page)`: loads the URL with the token fragment, as a user following the ready line would.
 * `serverEnv`: extra env for the server (e.g. fake provider URLs); override with test.use().
 */
export const test = base.extend<{ serverEnv: Record<string, string>; app: ServedApp; openApp: (page: Page) => Promise<void> }>({
  serverEnv: [{}, { option: true }],
  app: async ({ serverEnv }, use) => {
    const app = await startServedApp({ env: serverEnv });
    await use(app);
    await app.stop();
  },
  openApp: async ({ app }, use) => {
    await use(async (page) => {
      await page.goto(app.url);
    });
  },
});

export { expect } from '@playwright/test';

/** Save a full-window screenshot as a test artifact (test-results/screenshots/<name>.png). */
export async function snap(page: Page, name: string): Promise<string> {
  const file = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
