import { create } from 'zustand';
import type { ErrorInfo } from '../../../../../preload/contract/errors.js';
import type { RecordingLocalChecks, RecordingMetrics, RecordingPii } from '../../../../../preload/contract/schemas/local-analytics.js';
import { can, useSession } from '../../../stores/session-store.js';
import { onPrivacyChange, usePrivacy } from '../../../stores/privacy-store.js';
import { api, onEvent } from '../../../api/client.js';

/**
 * The offline analytics of the open call (metrics, PII, rule checks, the transcript's quality). They
 * fill in as the queue's local steps finish (the transcript's quality last, from the index step), so
 * the store reads them again whenever the queue reports a change to the open call's steps.
 */
interface LocalState {
  id: number | null;
  metrics: RecordingMetrics | null;
  pii: RecordingPii | null;
  checks: RecordingLocalChecks | null;
  error: ErrorInfo | null;
  open(id: number): void;
  close(): void;
}

export const useLocalAnalytics = create<LocalState>((set, get) => {
  async function refresh(id: number): Promise<void> {
    // PII findings are for reviewers and above: an agent's call page does not ask for them.
    const readsPii = can(useSession.getState().me, 'reviewer');
    const [m, p, c] = await Promise.all([
      api['analytics.metrics']({ id }), readsPii ? api['analytics.pii']({ id, masked: usePrivacy.getState().onScreen }) : Promise.resolve(null), api['analytics.checks']({ id }),
    ]);
    if (get().id !== id) return;
    const failed = [m, p, c].find((r) => r !== null && !r.ok);
    set({
      metrics: m.ok ? m.value : null,
      pii: p?.ok ? p.value : null,
      checks: c.ok ? c.value : null,
      error: failed && !failed.ok ? failed.error : null,
    });
  }
  const refreshOpen = () => {
    const id = get().id;
    if (id !== null) void refresh(id);
  };
  onPrivacyChange(refreshOpen);
  // The queue's events are throttled per recording (about one a second), so this stays cheap.
  onEvent('queue.recording', ({ recordingId }) => {
    if (recordingId === get().id) refreshOpen();
  });
  return {
    id: null, metrics: null, pii: null, checks: null, error: null,
    open(id) {
      if (get().id === id) return;
      set({ id, metrics: null, pii: null, checks: null, error: null });
      void refresh(id);
    },
    close() {
      set({ id: null });
    },
  };
});
