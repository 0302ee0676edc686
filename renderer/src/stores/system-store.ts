import { create } from 'zustand';
import type { ErrorInfo } from '../../../preload/contract/index.js';
import type { ImportBatchReport } from '../../../preload/contract/schemas/estimates.js';
import type { EgressReport, SystemMetrics } from '../../../preload/contract/schemas/observability.js';
import { api } from '../api/client.js';

export type SystemRange = SystemMetrics['range'];
const spanMs: Record<SystemRange, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 };

interface SystemState {
  range: SystemRange;
  metrics: SystemMetrics | null;
  egress: EgressReport | null;
  /** Recent import batches: the estimate made before spending beside what they cost and took. */
  batches: ImportBatchReport[] | null;
  error: ErrorInfo | null;
  setRange: (range: SystemRange) => void;
  load: () => Promise<void>;
}

/** The System view's data: the stored per-minute rollups over a range, and what left the machine in it. */
export const useSystem = create<SystemState>((set, get) => ({
  range: '1h',
  metrics: null,
  egress: null,
  batches: null,
  error: null,
  setRange: (range) => {
    set({ range });
    void get().load();
  },
  load: async () => {
    const range = get().range;
    const [m, e, b] = await Promise.all([
      api['system.metrics']({ range }), api['egress.report']({ from: new Date(Date.now() - spanMs[range]).toISOString() }), api['importBatches.list']({ limit: 20 }),
    ]);
    if (get().range !== range) return;
    set({
      metrics: m.ok ? m.value : get().metrics, egress: e.ok ? e.value : get().egress, batches: b.ok ? b.value.batches : get().batches,
      error: !m.ok ? m.error : !e.ok ? e.error : !b.ok ? b.error : null,
    });
  },
}));
