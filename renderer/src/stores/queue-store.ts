import { create } from 'zustand';
import type { ErrorInfo, Result } from '../../../preload/contract/index.js';
import type { CallStatus } from '../../../preload/contract/schemas/calls.js';
import type { JobView, QueueSummary, StepName } from '../../../preload/contract/schemas/queue.js';
import { api, onEvent } from '../api/client.js';

/** One row of the Queue view: a recording and the latest view of each of its steps. */
export interface QueueRow {
  recordingId: number;
  fileName: string;
  priority: number;
  steps: Record<string, JobView>;
}

export interface QueueFilter {
  /** Show calls in this status (callStatusOf of their steps; '' = all). */
  state: CallStatus | '';
  search: string;
}

interface QueueState {
  summary: QueueSummary | null;
  rows: Map<number, QueueRow>;
  filter: QueueFilter;
  selected: Set<number>;
  error: ErrorInfo | null;
  loading: boolean;
  load: () => Promise<void>;
  setFilter: (patch: Partial<QueueFilter>) => void;
  toggle: (recordingId: number) => void;
  clearSelection: () => void;
  pause: () => Promise<void>;
  resume: () => Promise<void>;
  cancel: (recordingId: number | null) => Promise<void>;
  retry: (recordingId: number | null) => Promise<void>;
  rerun: (step: StepName) => Promise<void>;
  prioritize: (recordingIds: number[], priority: number) => Promise<void>;
}

function rowsFrom(jobs: JobView[], into = new Map<number, QueueRow>()): Map<number, QueueRow> {
  for (const j of jobs) {
    const row = into.get(j.recordingId) ?? { recordingId: j.recordingId, fileName: j.fileName ?? `Recording ${j.recordingId}`, priority: j.priority, steps: {} };
    row.steps = { ...row.steps, [j.step]: j };
    row.priority = Math.max(...Object.values(row.steps).map((s) => s.priority));
    into.set(j.recordingId, row);
  }
  return into;
}

/** Reloads are throttled: events can ask for one many times a second, the list is fetched at most once a second. */
let reloadTimer: ReturnType<typeof setTimeout> | null = null;
let lastReload = 0;
function scheduleReload(): void {
  if (reloadTimer) return;
  const wait = Math.max(0, lastReload + 1000 - Date.now());
  reloadTimer = setTimeout(() => {
    reloadTimer = null;
    void useQueue.getState().load();
  }, wait);
}

export const useQueue = create<QueueState>((set, get) => {
  /** Run an action; on success refresh the summary and list (throttled). */
  const act = async (call: Promise<Result<unknown>>) => {
    const r = await call;
    if (!r.ok) return set({ error: r.error });
    set({ error: null });
    scheduleReload();
  };
  return {
    summary: null,
    rows: new Map(),
    filter: { state: '', search: '' },
    selected: new Set(),
    error: null,
    loading: false,
    async load() {
      lastReload = Date.now();
      set({ loading: true });
      const { filter } = get();
      const [s, l] = await Promise.all([
        api['queue.summary']({}),
        api['jobs.list']({ limit: 5000, search: filter.search || undefined }),
      ]);
      if (!s.ok) return set({ error: s.error, loading: false });
      if (!l.ok) return set({ error: l.error, loading: false });
      set({ summary: s.value, rows: rowsFrom(l.value.jobs), error: null, loading: false });
    },
    setFilter(patch) {
      const prev = get().filter;
      set({ filter: { ...prev, ...patch } });
      if (patch.search !== undefined && patch.search !== prev.search) scheduleReload();
    },
    toggle(id) {
      const selected = new Set(get().selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      set({ selected });
    },
    clearSelection: () => set({ selected: new Set() }),
    async pause() {
      const r = await api['queue.pause']({});
      set(r.ok ? { summary: r.value, error: null } : { error: r.error });
    },
    async resume() {
      const r = await api['queue.resume']({});
      set(r.ok ? { summary: r.value, error: null } : { error: r.error });
      scheduleReload();
    },
    cancel: (id) => act(id === null ? api['queue.cancelAll']({}) : api['queue.cancel']({ id })),
    retry: (id) => act(id === null ? api['queue.retryAll']({}) : api['queue.retry']({ id })),
    async rerun(step) {
      const ids = [...get().selected];
      if (!ids.length) return;
      await act(api['queue.rerun']({ recordingIds: ids, step }));
      set({ selected: new Set() });
    },
    prioritize: (ids, priority) => act(api['queue.prioritize']({ recordingIds: ids, priority })),
  };
});

// Live updates: the main process coalesces them to at most one per recording per second.
onEvent('queue.recording', ({ recordingId, jobs }) => {
  const rows = new Map(useQueue.getState().rows);
  if (!rows.has(recordingId) && useQueue.getState().filter.search) return; // outside the current search
  rowsFrom(jobs, rows);
  useQueue.setState({ rows });
});
onEvent('queue.summary', (summary) => {
  const before = useQueue.getState().summary;
  useQueue.setState({ summary });
  // Bulk changes (cancel all, retry all) arrive as counts only: refetch the rows, at most once a second.
  const total = (s: QueueSummary | null) => Object.values(s?.counts ?? {}).reduce((a, b) => a + b, 0);
  if (!before || total(before) !== total(summary) || JSON.stringify(before.counts) !== JSON.stringify(summary.counts)) {
    if (useQueue.getState().rows.size < total(summary) / 5) scheduleReload();
  }
});
