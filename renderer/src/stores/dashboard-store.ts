import { create } from 'zustand';
import type { ErrorInfo } from '../../../preload/contract/errors.js';
import type { DashboardView } from '../../../preload/contract/operations/dashboard.js';
import { api, onEvent } from '../api/client.js';

/**
 * The Dashboard's data for one date range (inclusive, on the call date; empty = all time). One
 * request returns every chart; a newer request wins over a late older answer.
 */
interface DashboardState {
  from: string;
  to: string;
  data: DashboardView | null;
  loading: boolean;
  error: ErrorInfo | null;
  setRange: (from: string, to: string) => void;
  load: () => Promise<void>;
}

let generation = 0;

export const useDashboard = create<DashboardState>((set, get) => ({
  from: '', to: '', data: null, loading: false, error: null,
  setRange(from, to) {
    set({ from, to });
    void get().load();
  },
  async load() {
    const g = ++generation;
    const { from, to } = get();
    set({ loading: true });
    const r = await api['dashboard.get']({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
    if (g !== generation) return;
    set(r.ok ? { data: r.value, loading: false, error: null } : { loading: false, error: r.error });
  },
}));

/** `YYYY-MM-DD` of today minus `days` (local calendar). */
export function daysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// A finished pipeline step changes scores: refresh if the dashboard has been shown.
let pending: ReturnType<typeof setTimeout> | null = null;
onEvent('queue.recording', () => {
  if (!useDashboard.getState().data || pending) return;
  pending = setTimeout(() => {
    pending = null;
    void useDashboard.getState().load();
  }, 2000);
});
