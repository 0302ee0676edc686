import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { RecordingsDao } from '../../db/dao/recordings-dao.js';
import type { ImportProgress } from '../../preload/contract/schemas/recordings.js';
import { loadConfig } from '../../main/config/load-config.js';
import { buildCore, type Core } from '../../main/core.js';
import { ImportService, type ImportServiceDeps } from '../../main/domains/recordings/import-service.js';

/**
 * A real core (SQLite file, migrations, event bus) on a fresh temp data dir, for import tests. The
 * audio worker runs from sources through tsx, exactly as in development.
 */
export interface ImportHarness {
  core: Core;
  dataDir: string;
  service: ImportService;
  events: ImportProgress[];
  imported: { recordingId: number; fileName: string }[];
  /** A second service on the same core with injected dependencies (failing copy, small pool). */
  serviceWith(deps: Partial<ImportServiceDeps>): ImportService;
  close(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}, existingDataDir?: string): Promise<ImportHarness> {
  const dataDir = existingDataDir ?? mkdtempSync(join(tmpdir(), 'cca-import-'));
  const config = loadConfig({ CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test', ...env });
  const core = await buildCore({ config, mode: 'browser', logger: pino({ level: 'silent' }) });
  const events: ImportProgress[] = [];
  const imported: ImportHarness['imported'] = [];
  core.bus.subscribe((name, payload) => {
    if (name === 'import.progress') events.push(payload as ImportProgress);
    if (name === 'recording.imported') imported.push(payload as ImportHarness['imported'][number]);
  });
  const extra: ImportService[] = [];
  const service = core.services.imports;
  return {
    core, dataDir, service, events, imported,
    serviceWith(deps) {
      const s = new ImportService({ dao: new RecordingsDao(core.db), calls: core.calls, bus: core.bus, logger: core.logger, settings: core.config.settings, pool: service.pool, ...deps });
      extra.push(s);
      return s;
    },
    async close() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
