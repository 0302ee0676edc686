import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../main/config/load-config.js';
import { buildCore, type Core } from '../../main/core.js';
import { seedCalls, type SeedOptions, type SeededCall } from '../helpers/seed-calls.js';

/** A real core on a temp data dir with seeded calls, for the calls-* integration tests. */
export interface CallsHarness {
  core: Core;
  calls: SeededCall[];
  invoke<T = unknown>(name: string, input: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startCallsHarness(seed: SeedOptions): Promise<CallsHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cca-calls-'));
  const config = loadConfig({ CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test' });
  const core = await buildCore({ config, mode: 'browser', logger: pino({ level: 'silent' }) });
  // The queue is not part of these tests: seeded rows have no jobs and must keep none.
  await core.queue.stop();
  const calls = seedCalls(core.db, seed);
  return {
    core,
    calls,
    async invoke<T>(name: string, input: unknown) {
      const r = await core.registry.invoke(name, input);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.message}`);
      return r.value as T;
    },
    async close() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
