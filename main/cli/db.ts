// `npm run db -- <command>`: maintenance of the app's database, on the data folder the app uses
// (CCA_DATA_DIR or the default). Safe beside a running app: each batch is one short transaction.
import { parseArgs } from 'node:util';
import pino from 'pino';
import { openDatabase } from '../../db/open.js';
import { applyFileEnv } from '../config/file-env.js';
import { loadConfig } from '../config/load-config.js';
import { runCli, UsageError } from './run-cli.js';
import { createDaosWithProjection } from '../domains/calls/call-projection.js';

const USAGE = `Usage: npm run db -- <command>

Commands:
  reproject [--batch N]   Recompute every call's derived record (the Calls list row, its scorecard
                          rows, flags, final score, corrected search text) from its sources. Shows
                          progress; if stopped, the next run (or the app's next start) resumes where
                          it stopped. N calls per transaction (default 1000).`;

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { batch: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const [command] = positionals;
  if (values.help || !command) throw new UsageError('');
  if (command !== 'reproject') throw new UsageError(`Unknown command "${command}".`);
  const batch = values.batch === undefined ? 1_000 : Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 100_000) throw new UsageError(`--batch must be a whole number from 1 to 100000 (got ${values.batch}).`);
  applyFileEnv();
  const config = loadConfig();
  const db = await openDatabase({ file: config.paths.dbFile, busyTimeoutMs: config.settings.dbBusyTimeoutMs, readConnections: 0, slowQueryMs: 10_000, logger: pino({ level: 'silent' }) });
  try {
    const { calls: projection } = createDaosWithProjection(db, () => config.settings);
    const t0 = performance.now();
    let shown = -Infinity;
    const interactive = process.stdout.isTTY;
    const { done, total } = await projection.reprojectAll({
      batch,
      onProgress: ({ done, total }) => {
        const now = performance.now();
        if (now - shown < 500 && done < total) return;
        shown = now;
        const rate = Math.round(done / ((now - t0) / 1000));
        const line = `re-projected ${done.toLocaleString('en')} of ${total.toLocaleString('en')} calls (${rate.toLocaleString('en')}/s)`;
        process.stdout.write(interactive ? `\r${line}` : `${line}\n`);
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    if (interactive && total) process.stdout.write('\n');
    process.stdout.write(`Done: ${done.toLocaleString('en')} calls re-projected in ${seconds.toFixed(1)} s.\n`);
  } finally {
    db.close();
  }
}

await runCli(USAGE, run);
