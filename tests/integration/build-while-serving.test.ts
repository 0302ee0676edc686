import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { repoRoot, startServedApp, type ServedApp } from '../helpers/serve-process.js';

// `npm run serve` (and every test command) runs scripts/build.mjs while other servers may be running
// from the same dist/. The build used to delete dist/migrations and copy it again: a server starting
// in that moment found half a folder and exited.
const run = promisify(execFile);
const build = () => run(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { timeout: 120_000 });
const apps: ServedApp[] = [];
afterAll(() => Promise.all(apps.map((a) => a.stop())));

describe('scripts/build.mjs beside running servers', () => {
  it('keeps two servers answering while it runs three times, and a server started meanwhile starts', async () => {
    ensureBuilt();
    apps.push(await startServedApp(), await startServedApp());
    const statuses: number[] = [];
    let building = true;
    const poll = (async () => {
      while (building) {
        for (const app of apps.slice(0, 2)) statuses.push((await app.api('/api/v1/health')).status);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    // Servers started while the builds run: each reads dist/migrations and the bundle at start-up.
    const starts = (async () => {
      const started: number[] = [];
      while (building) {
        const app = await startServedApp();
        apps.push(app);
        started.push((await app.api('/api/v1/health')).status);
      }
      return started;
    })();
    for (let i = 0; i < 3; i++) await build();
    building = false;
    await poll;
    const started = await starts;
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(started.length).toBeGreaterThan(0);
    expect(started.every((s) => s === 200)).toBe(true);
  }, 300_000);

  it('leaves a file whose bytes did not change untouched, and no temporary file behind', async () => {
    const migrations = join(repoRoot, 'dist/migrations');
    const before = Object.fromEntries(readdirSync(migrations).map((f) => [f, statSync(join(migrations, f)).ino]));
    const bundle = statSync(join(repoRoot, 'dist/server/serve.mjs'));
    await build();
    const after = Object.fromEntries(readdirSync(migrations).map((f) => [f, statSync(join(migrations, f)).ino]));
    expect(after).toEqual(before);
    expect(statSync(join(repoRoot, 'dist/server/serve.mjs')).mtimeMs).toBe(bundle.mtimeMs);
    const leftovers = readdirSync(join(repoRoot, 'dist'), { recursive: true }).map(String).filter((f) => f.endsWith('.tmp') || f.includes('.renderer-'));
    expect(leftovers).toEqual([]);
  }, 180_000);
});
