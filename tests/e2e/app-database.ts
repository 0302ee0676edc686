import { join } from 'node:path';
import pino from 'pino';
import { openDatabase } from '../../db/open.js';
import type { AppDatabase } from '../../db/open.js';
import { seedCalls, type SeededCall, type SeedOptions } from '../helpers/seed-calls.js';
import type { ServedApp } from '../helpers/serve-process.js';

/** Work on the served app's own database file beside it (SQLite WAL: the server sees it at once), then close it. */
export async function withAppDatabase<T>(app: ServedApp, fn: (db: AppDatabase) => T): Promise<T> {
  const db = await openDatabase({ file: join(app.dataDir, 'cca.sqlite'), busyTimeoutMs: 5000, readConnections: 0, slowQueryMs: 1000, logger: pino({ level: 'silent' }) });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Seeded synthetic calls (tests/helpers/seed-calls.ts) written into the served app's database. */
export const seedApp = (app: ServedApp, opts: SeedOptions): Promise<SeededCall[]> => withAppDatabase(app, (db) => seedCalls(db, opts));
