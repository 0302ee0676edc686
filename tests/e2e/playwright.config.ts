import { defineConfig } from '@playwright/test';

// Real Chromium (Debian's, since Playwright cannot download browsers here) against the real built
// app in browser mode. Each test starts its own server on a fresh temp data dir (tests/e2e/fixtures.ts).
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // Builds dist/ once before any worker starts; fails the run if a process outlives it.
  globalSetup: '../setup/global-setup.ts',
  // A hard bound on the whole run: a hang ends here, named, instead of holding CI.
  globalTimeout: 25 * 60_000,
  outputDir: '../../test-results/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
  },
});
