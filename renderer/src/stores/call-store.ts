import { create } from 'zustand';
import type { ErrorInfo } from '../../../preload/contract/errors.js';
import type { TranscriptView } from '../../../preload/contract/operations/transcripts.js';
import type { AnalysisView } from '../../../preload/contract/schemas/analysis.js';
import type { RecordingView } from '../../../preload/contract/schemas/recordings.js';
import { api } from '../api/client.js';

/**
 * One open call: its recording, transcript and current analysis. While the pipeline has not produced
 * them yet ("not_found"), the store polls gently so the page fills in as the queue finishes.
 */
interface CallState {
  id: number | null;
  recording: RecordingView | null;
  transcript: TranscriptView | null;
  analysis: AnalysisView | null;
  /** Waiting for the pipeline (transcript or analysis not there yet). */
  pending: boolean;
  busy: boolean;
  error: ErrorInfo | null;
  open(id: number): void;
  close(): void;
  swapSpeakers(): Promise<void>;
  reanalyze(): Promise<void>;
}

const POLL_MS = 1500;
let timer: ReturnType<typeof setTimeout> | null = null;
const stopPolling = () => {
  if (timer) clearTimeout(timer);
  timer = null;
};

export const useCall = create<CallState>((set, get) => {
  async function refresh(id: number): Promise<void> {
    const [rec, tr, an] = await Promise.all([api['recordings.get']({ id }), api['transcripts.get']({ id }), api['analysis.get']({ id })]);
    if (get().id !== id) return;
    const fatal = [rec, tr, an].find((r) => !r.ok && r.error.category !== 'not_found');
    set({
      recording: rec.ok ? rec.value : null,
      transcript: tr.ok ? tr.value : null,
      analysis: an.ok ? an.value : null,
      error: fatal && !fatal.ok ? fatal.error : !rec.ok ? rec.error : null,
      pending: rec.ok && (!tr.ok || !an.ok),
    });
    stopPolling();
    if (rec.ok && (!tr.ok || !an.ok) && !fatal) timer = setTimeout(() => void refresh(id), POLL_MS);
  }
  return {
    id: null, recording: null, transcript: null, analysis: null, pending: false, busy: false, error: null,
    open(id) {
      if (get().id === id) return;
      stopPolling();
      set({ id, recording: null, transcript: null, analysis: null, pending: true, error: null });
      void refresh(id);
    },
    close() {
      stopPolling();
      set({ id: null });
    },
    async swapSpeakers() {
      const id = get().id;
      if (id === null) return;
      set({ busy: true });
      const r = await api['transcripts.updateSpeakers']({ id, swapRoles: true });
      set(r.ok ? { transcript: r.value, busy: false, error: null } : { error: r.error, busy: false });
    },
    async reanalyze() {
      const id = get().id;
      if (id === null) return;
      set({ busy: true });
      const r = await api['analysis.run']({ id });
      set(r.ok ? { analysis: r.value, busy: false, error: null } : { error: r.error, busy: false });
    },
  };
});

/** `#/calls/12` → 12. */
export function callIdFromHash(hash: string): number | null {
  const m = /^#\/calls\/(\d+)/.exec(hash);
  return m ? Number(m[1]) : null;
}
