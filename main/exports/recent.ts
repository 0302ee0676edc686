import { randomUUID } from 'node:crypto';
import type { AppSettingsDao } from '../../db/dao/app-settings-dao.js';
import { RecentExport } from '../../preload/contract/schemas/exports.js';

/** The Reports view's "recent exports": the last 30, newest first, kept in app_settings. */
const KEY = 'exports.recent';
const MAX = 30;

export function listRecent(dao: AppSettingsDao): RecentExport[] {
  const raw = dao.get<unknown[]>(KEY) ?? [];
  return raw.flatMap((r) => {
    const p = RecentExport.safeParse(r);
    return p.success ? [p.data] : [];
  });
}

export function addRecent(dao: AppSettingsDao, entry: Omit<RecentExport, 'id' | 'at'>): RecentExport {
  const row: RecentExport = { ...entry, id: randomUUID(), at: new Date().toISOString() };
  dao.set(KEY, [row, ...listRecent(dao)].slice(0, MAX));
  return row;
}

export function clearRecent(dao: AppSettingsDao): void {
  dao.set(KEY, []);
}
