import { create } from 'zustand';
import type { ErrorInfo } from '../../../preload/contract/index.js';
import type { ProblemGroup } from '../../../preload/contract/schemas/observability.js';
import { api } from '../api/client.js';
import { useApp } from './app-store.js';

export const problemRanges = [
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
] as const;
export type ProblemRange = (typeof problemRanges)[number]['id'];

const fromOf = (range: ProblemRange) => new Date(Date.now() - problemRanges.find((r) => r.id === range)!.ms).toISOString();
export const problemKey = (g: ProblemGroup) => `${g.category}|${g.step}|${g.provider}|${g.fingerprint}`;

interface ProblemsState {
  range: ProblemRange;
  groups: ProblemGroup[] | null;
  error: ErrorInfo | null;
  /** The group whose retry is in flight. */
  busy: string | null;
  setRange: (range: ProblemRange) => void;
  load: () => Promise<void>;
  retry: (g: ProblemGroup, stepLabel: string) => Promise<void>;
}

/** The Problems view's data: groups of failures in a period, and "retry all" per group. */
export const useProblems = create<ProblemsState>((set, get) => ({
  range: '7d',
  groups: null,
  error: null,
  busy: null,
  setRange: (range) => {
    set({ range });
    void get().load();
  },
  load: async () => {
    const r = await api['problems.list']({ from: fromOf(get().range) });
    set(r.ok ? { groups: r.value.groups, error: null } : { error: r.error });
  },
  retry: async (g, stepLabel) => {
    set({ busy: problemKey(g) });
    const r = await api['problems.retry']({ category: g.category, step: g.step, provider: g.provider, fingerprint: g.fingerprint, from: fromOf(get().range) });
    set({ busy: null });
    const toast = useApp.getState().toast;
    if (r.ok) toast({ level: 'success', message: `${r.value.changed} failed ${stepLabel} step${r.value.changed === 1 ? '' : 's'} queued again.` });
    else toast({ level: 'error', message: r.error.message, error: r.error });
    await get().load();
  },
}));
