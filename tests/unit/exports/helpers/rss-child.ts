// Child process of the streaming test and the bench: export the calls of an existing database to a
// file (CSV or XLSX) and report its own peak RSS growth over the export, as one JSON line on stdout.
// A separate process, so the parent's heap (seeding, vitest) does not pollute the measurement.
import { createWriteStream } from 'node:fs';
import pino from 'pino';
import { openDatabase } from '../../../../db/open.js';
import { daosFor } from '../../../helpers/project-calls.js';
import { exportCalls } from '../../../../main/exports/data/export-calls.js';

const [dbFile, outFile, format = 'csv', redact = 'true'] = process.argv.slice(2);
const db = await openDatabase({ file: dbFile!, busyTimeoutMs: 5000, readConnections: 1, slowQueryMs: 60_000, logger: pino({ level: 'silent' }) });
const { daos } = daosFor(db);
const categories = redact === 'true' ? (['card_number', 'cvv', 'phone', 'email', 'date_of_birth'] as const) : [];

// Warm up: load every module the export uses and let the allocator settle, so the baseline is the
// process ready to export, and the growth is what the export itself holds.
const warm = createWriteStream('/dev/null');
await exportCalls(format as 'csv', warm, { daos, query: { ids: [1] }, redactCategories: categories });
warm.end();
globalThis.gc?.();
const base = process.memoryUsage().rss;
let peak = base;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 5);
const t0 = performance.now();
const out = createWriteStream(outFile!);
const rows = await exportCalls(format as 'csv', out, { daos, query: {}, redactCategories: categories, onProgress: sample });
await new Promise<void>((resolve) => out.end(() => resolve()));
const ms = performance.now() - t0;
sample();
clearInterval(timer);
db.close();
process.stdout.write(`${JSON.stringify({ rows, ms, baseMb: base / 2 ** 20, peakMb: peak / 2 ** 20, growthMb: (peak - base) / 2 ** 20, bytes: out.bytesWritten })}\n`);
