import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../../../main/config/load-config.js';
import { buildCore, type Core } from '../../../../main/core.js';

/** A real core on a temp data dir with the queue stopped (seeded rows must not start pipelines). */
export async function tempCore(env: Record<string, string> = {}): Promise<{ core: Core; dataDir: string; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cca-exports-'));
  const config = loadConfig({ CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test', ...env });
  const core = await buildCore({ config, mode: 'browser', logger: pino({ level: 'silent' }) });
  await core.queue.stop();
  return {
    core,
    dataDir,
    async close() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
