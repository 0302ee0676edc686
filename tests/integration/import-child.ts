import { createReadStream, createWriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { RecordingsDao } from '../../db/dao/recordings-dao.js';
import { loadConfig } from '../../main/config/load-config.js';
import { buildCore } from '../../main/core.js';
import { ImportService } from '../../main/domains/recordings/import-service.js';
import type { CopyFn } from '../../main/domains/recordings/library.js';

/**
 * Runs one import in its own process, for tests that must kill it mid-copy or run it as another
 * user. argv[2]: JSON {dataDir, paths, slowCopy?}. Prints "COPYING <tmp>" once a slow copy has
 * written its first chunk, then the batch as JSON on the last line.
 */
const { dataDir, paths, slowCopy } = JSON.parse(process.argv[2]!) as { dataDir: string; paths: string[]; slowCopy?: boolean };

/** 64 KB at a time with pauses: a copy slow enough to be killed half way. */
const slow: CopyFn = async (src, dest) => {
  const out = createWriteStream(dest);
  let announced = false;
  for await (const chunk of createReadStream(src, { highWaterMark: 64 * 1024 })) {
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    if (!announced) {
      announced = true;
      await new Promise<void>((r) => setImmediate(r));
      process.stdout.write(`COPYING ${dest}\n`);
    }
    await sleep(200);
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
};

const config = loadConfig({ CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test', PATH: process.env.PATH ?? '' });
const core = await buildCore({ config, mode: 'browser', logger: pino({ level: 'silent' }) });
const service = new ImportService({
  dao: new RecordingsDao(core.db), calls: core.calls, bus: core.bus, logger: core.logger, settings: core.config.settings,
  ...(slowCopy ? { copy: slow } : {}),
});
const batch = await service.importPaths(paths);
process.stdout.write(`${JSON.stringify(batch)}\n`);
await service.close();
await core.close();
