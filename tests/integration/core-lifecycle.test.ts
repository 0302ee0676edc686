import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../main/config/load-config.js';
import { buildCore } from '../../main/core.js';
import { generateCalls } from '../helpers/fixtures.js';

/**
 * Issue 12 item 4: buildCore is the one composition root and close() takes down everything it
 * started. Fifty cores opened and closed in one process, each importing a real recording (so the
 * import service's probe threads, the queue's scheduler and worker pool, the database connections and
 * the logger all really start), leave no handle, timer or worker thread behind.
 */
const dataDirs: string[] = [];
afterAll(() => {
  for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
});

/** Live handles and timers by kind (getActiveResourcesInfo lists one entry per resource). */
function resources(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
  return out;
}

/** OS threads of this process: every worker thread is one (plus a few libuv and V8 threads of its own). */
const threads = () => readdirSync('/proc/self/task').length;

async function settle(): Promise<void> {
  // Closed handles leave the list on the next turns of the event loop.
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 20));
}

describe('core lifecycle', () => {
  it('50 cores opened, used and closed leave no handles, timers or worker threads behind', async () => {
    const calls = generateCalls();
    const wav = calls.file(calls.ids[0]!, 'wav');
    await settle();
    const before = resources();
    const threadsBefore = threads();
    for (let i = 0; i < 50; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'cca-core-'));
      dataDirs.push(dataDir);
      // The file log is off so each core's logger is the same kind of object; pino's async file
      // transport is covered by the serve tests.
      const config = loadConfig({ CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test', CCA_LOG_LEVEL: 'silent' });
      const core = await buildCore({ config, mode: 'browser' });
      const health = await core.registry.invoke('system.health', {});
      expect(health.ok).toBe(true);
      if (i % 10 === 0) {
        const batch = await core.services.imports.importPaths([wav]);
        expect(batch.counts.imported, JSON.stringify(batch)).toBe(1);
      }
      await core.close();
      await core.close(); // idempotent
    }
    await settle();
    const after = resources();
    expect(after, `before: ${JSON.stringify(before)}`).toEqual(before);
    expect(threads(), 'OS threads (worker threads left running)').toBeLessThanOrEqual(threadsBefore);
  }, 180_000);
});
