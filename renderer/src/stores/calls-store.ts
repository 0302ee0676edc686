import { create } from 'zustand';
import type { ErrorInfo } from '../../../preload/contract/index.js';
import {
  CallFilter,
  type CallFacets,
  type CallRow,
  type CallSort,
  type SavedFilter,
} from '../../../preload/contract/schemas/calls.js';
import { api, onEvent } from '../api/client.js';
import { onPrivacyChange, usePrivacy } from './privacy-store.js';

/**
 * The Calls view's state. Rows are fetched by page as the virtualized table scrolls and kept by row
 * index; any change of filter/sort/search starts a new "generation" so late answers of an older query
 * are dropped. Live refresh (imports, queue progress) re-reads the pages in view at most once a second.
 */

export const PAGE = 100;
const REFRESH_MIN_MS = 1000;
const SEARCH_DEBOUNCE_MS = 200;

/**
 * The rows fetched so far, by page. Immutable: a new page makes a new object that shares the other
 * pages, so an answer costs one small map copy (≤ 500 pages for 50,000 calls), not a copy of every row
 * loaded so far (which made frames long late in a scroll through 50,000 calls).
 */
export class LoadedRows {
  constructor(private readonly pages: ReadonlyMap<number, readonly CallRow[]> = new Map()) {}
  get(index: number): CallRow | undefined {
    return this.pages.get(Math.floor(index / PAGE))?.[index % PAGE];
  }
  hasPage(page: number): boolean {
    return this.pages.has(page);
  }
  /** Position of a call among the rows loaded so far, looking near `hint` first; -1 when not loaded. */
  indexOf(id: number, hint: number): number {
    if (this.get(hint)?.id === id) return hint;
    for (const [page, rows] of this.pages) {
      const i = rows.findIndex((r) => r.id === id);
      if (i >= 0) return page * PAGE + i;
    }
    return -1;
  }
  withPage(page: number, rows: readonly CallRow[]): LoadedRows {
    const pages = new Map(this.pages);
    pages.set(page, rows);
    return new LoadedRows(pages);
  }
}

export type ColumnId = 'date' | 'agent' | 'queue' | 'duration' | 'status' | 'score' | 'quality' | 'sentiment' | 'flags';
export const allColumns: ColumnId[] = ['date', 'agent', 'queue', 'duration', 'status', 'score', 'quality', 'sentiment', 'flags'];
const COLUMNS_KEY = 'cca.calls.columns';

function initialColumns(): ColumnId[] {
  try {
    const saved = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as unknown;
    if (Array.isArray(saved)) return allColumns.filter((c) => saved.includes(c));
  } catch {
    /* a bad stored value falls back to every column */
  }
  return allColumns;
}

interface CallsState {
  filter: CallFilter;
  /** What the search box shows (the query applies after a short pause). */
  searchText: string;
  sort: CallSort;
  dir: 'asc' | 'desc';
  rows: LoadedRows;
  total: number | null;
  capped: boolean;
  loading: boolean;
  error: ErrorInfo | null;
  facets: CallFacets | null;
  saved: SavedFilter[];
  selected: number;
  columns: ColumnId[];
  generation: number;
  /** The view mounted: (re)load the first page and the dropdown values. */
  init: () => void;
  setFilter: (patch: Partial<CallFilter>) => void;
  clearFilters: () => void;
  setSearch: (text: string) => void;
  setSort: (sort: CallSort) => void;
  ensureRange: (first: number, last: number) => void;
  refresh: () => void;
  select: (index: number) => void;
  /** The call opened last (the list highlights it when the reviewer comes back). */
  lastOpened: number | null;
  /**
   * The calls before and after this one in the list's current order and filter (the rows it has
   * loaded). Null when the call is not
   * in the list (opened from a link). Pure: the caller loads the next page (ensureRange) when needed.
   */
  neighbours: (id: number) => { prev: number | null; next: number | null; index: number; total: number | null } | null;
  /** Opening a call from the list or from prev/next: the selection follows it. */
  opened: (id: number) => void;
  toggleColumn: (c: ColumnId) => void;
  loadMeta: () => Promise<void>;
  saveFilter: (name: string) => Promise<void>;
  applySaved: (f: SavedFilter) => void;
  deleteSaved: (id: string) => Promise<void>;
}

/** Drop empty values so the query string (and a saved filter) holds only what is set. */
function clean(f: Partial<CallFilter>): CallFilter {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '' && v !== null));
}

const inFlight = new Set<string>();
let searchTimer: ReturnType<typeof setTimeout> | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let lastRefresh = 0;
let visible: [number, number] = [0, PAGE - 1];

export const useCalls = create<CallsState>((set, get) => {
  async function fetchPage(page: number, generation: number): Promise<void> {
    const key = `${generation}:${page}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    const s = get();
    const r = await api['calls.list']({ ...s.filter, sort: s.sort, dir: s.dir, limit: PAGE, offset: page * PAGE, redact: usePrivacy.getState().onScreen });
    inFlight.delete(key);
    if (get().generation !== generation) return;
    if (!r.ok) {
      set({ error: r.error, loading: false });
      return;
    }
    set({ rows: get().rows.withPage(page, r.value.items), total: r.value.total, capped: r.value.capped, loading: false, error: null });
  }

  /** New query: forget rows, start from the top. */
  function restart(patch: Partial<CallsState>) {
    const generation = get().generation + 1;
    set({ ...patch, generation, rows: new LoadedRows(), total: null, loading: true, error: null, selected: 0 });
    visible = [0, PAGE - 1];
    void fetchPage(0, generation);
  }

  // Snippets come masked or not: a flip re-reads the rows in view.
  onPrivacyChange(() => {
    if (get().generation > 0) restart({});
  });
  return {
    filter: {},
    searchText: '',
    sort: 'date',
    dir: 'desc',
    rows: new LoadedRows(),
    total: null,
    capped: false,
    loading: true,
    error: null,
    facets: null,
    saved: [],
    selected: 0,
    lastOpened: null,
    columns: initialColumns(),
    generation: 0,

    neighbours(id) {
      const { rows, selected, total } = get();
      const index = rows.indexOf(id, selected);
      if (index < 0) return null;
      return { prev: rows.get(index - 1)?.id ?? null, next: rows.get(index + 1)?.id ?? null, index, total };
    },
    opened(id) {
      const { rows, selected } = get();
      const index = rows.indexOf(id, selected);
      set(index >= 0 ? { selected: index, lastOpened: id } : { lastOpened: id });
    },

    init() {
      // Coming back from a call's detail: keep the query and the selection, just re-read the rows.
      if (get().generation > 0 && get().total !== null) get().refresh();
      else {
        restart({});
        void get().loadMeta();
      }
    },
    setFilter(patch) {
      restart({ filter: clean({ ...get().filter, ...patch }) });
    },
    clearFilters() {
      clearTimeout(searchTimer);
      restart({ filter: {}, searchText: '' });
    },
    setSearch(text) {
      set({ searchText: text });
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => restart({ filter: clean({ ...get().filter, q: text.trim() ? text : undefined }) }), SEARCH_DEBOUNCE_MS);
    },
    setSort(sort) {
      const s = get();
      // Same column again flips the direction; a new column starts with its natural direction.
      const dir = s.sort === sort ? (s.dir === 'asc' ? 'desc' : 'asc') : sort === 'agent' || sort === 'queue' || sort === 'status' ? 'asc' : 'desc';
      restart({ sort, dir });
    },
    ensureRange(first, last) {
      visible = [first, last];
      const { rows, generation, total } = get();
      const end = total === null ? last : Math.min(last, total - 1);
      for (let page = Math.floor(first / PAGE); page <= Math.floor(end / PAGE); page++) {
        if (!rows.hasPage(page)) void fetchPage(page, generation);
      }
    },
    refresh() {
      const wait = lastRefresh + REFRESH_MIN_MS - Date.now();
      if (wait > 0) {
        refreshTimer ??= setTimeout(() => {
          refreshTimer = undefined;
          get().refresh();
        }, wait);
        return;
      }
      lastRefresh = Date.now();
      // Keep showing the current rows while the pages in view are re-read under a new generation.
      const generation = get().generation + 1;
      set({ generation });
      for (let page = Math.floor(visible[0] / PAGE); page <= Math.floor(visible[1] / PAGE); page++) void fetchPage(page, generation);
      void get().loadMeta();
    },
    select(index) {
      const total = get().total ?? 0;
      set({ selected: Math.max(0, Math.min(index, total - 1)) });
    },
    toggleColumn(c) {
      const cur = get().columns;
      const columns = cur.includes(c) ? cur.filter((x) => x !== c) : allColumns.filter((x) => x === c || cur.includes(x));
      localStorage.setItem(COLUMNS_KEY, JSON.stringify(columns));
      set({ columns });
    },
    async loadMeta() {
      const [facets, saved] = await Promise.all([api['calls.facets']({}), api['calls.filters.list']({})]);
      set({ facets: facets.ok ? facets.value : get().facets, saved: saved.ok ? saved.value : get().saved });
    },
    async saveFilter(name) {
      const s = get();
      const r = await api['calls.filters.save']({ name, filter: s.filter, sort: s.sort, dir: s.dir });
      if (r.ok) set({ saved: [...s.saved.filter((f) => f.id !== r.value.id), r.value] });
      else set({ error: r.error });
    },
    applySaved(f) {
      restart({ filter: clean(f.filter), searchText: f.filter.q ?? '', sort: f.sort ?? 'date', dir: f.dir ?? 'desc' });
    },
    async deleteSaved(id) {
      const r = await api['calls.filters.delete']({ id });
      if (r.ok) set({ saved: get().saved.filter((f) => f.id !== id) });
    },
  };
});

/** `#/calls?agent=dana&minScore=0&maxScore=60` (e.g. from a Dashboard chart) applies those filters. */
export function filterFromHash(hash: string): CallFilter | null {
  const m = /^#\/calls\?(.*)$/.exec(hash);
  if (!m) return null;
  const parsed = CallFilter.safeParse(Object.fromEntries(new URLSearchParams(m[1])));
  return parsed.success ? clean(parsed.data) : null;
}

function applyHash() {
  const f = filterFromHash(window.location.hash);
  if (f) useCalls.setState({ filter: f, searchText: f.q ?? '' });
}
applyHash();
window.addEventListener('hashchange', () => {
  const f = filterFromHash(window.location.hash);
  if (f) useCalls.getState().applySaved({ id: '', name: '', filter: f, createdAt: '' });
});

// Live refresh: new recordings and pipeline progress change rows (status, score, flags).
const live = () => useCalls.getState().refresh();
onEvent('recording.imported', live);
onEvent('queue.recording', live);
