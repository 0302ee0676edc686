import type { AppSettingsDao } from '../../../db/dao/app-settings-dao.js';
import { z } from 'zod';
import { SavedFilter, type SaveFilterInput } from '../../../preload/contract/schemas/calls.js';

/** Saved Calls filters live in app_settings under one key: a short list, read and written whole. */
const KEY = 'calls.savedFilters';
const MAX_FILTERS = 100;

export class SavedFilters {
  constructor(private readonly settings: AppSettingsDao) {}

  list(): SavedFilter[] {
    // A value written by an older or newer app that no longer parses is skipped, not fatal.
    const parsed = z.array(z.unknown()).safeParse(this.settings.get<unknown>(KEY) ?? []);
    if (!parsed.success) return [];
    return parsed.data.flatMap((v) => {
      const f = SavedFilter.safeParse(v);
      return f.success ? [f.data] : [];
    });
  }

  /** Same name (case-insensitive) replaces the older one, keeping its id: saving twice is idempotent. */
  save(input: z.output<typeof SaveFilterInput>): SavedFilter {
    const all = this.list();
    const existing = all.find((f) => f.name.toLowerCase() === input.name.trim().toLowerCase());
    const saved: SavedFilter = SavedFilter.parse({
      id: existing?.id ?? `f-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      name: input.name.trim(),
      filter: input.filter,
      sort: input.sort,
      dir: input.dir,
      createdAt: existing?.createdAt ?? new Date().toISOString(),
    });
    const next = existing ? all.map((f) => (f.id === existing.id ? saved : f)) : [...all, saved].slice(-MAX_FILTERS);
    this.settings.set(KEY, next);
    return saved;
  }

  delete(id: string): boolean {
    const all = this.list();
    const next = all.filter((f) => f.id !== id);
    if (next.length === all.length) return false;
    this.settings.set(KEY, next);
    return true;
  }
}
