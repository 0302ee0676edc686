import { existsSync } from 'node:fs';
import { serveEntry } from './serve-process.js';

/**
 * dist/ is built once before any test process starts (the integration and robustness projects'
 * globalSetup, Playwright's globalSetup); a test only checks it is there and never builds, so no test
 * rewrites files a server in another worker is reading.
 */
export function ensureBuilt(): void {
  if (!existsSync(serveEntry)) {
    throw new Error(`${serveEntry} is missing: run \`npm run build\` first (the test commands in package.json build dist/ before tests start)`);
  }
}
