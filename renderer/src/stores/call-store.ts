import { create } from 'zustand';
import type { ErrorInfo } from '../../../preload/contract/errors.js';
import type { AudioUrl } from '../../../preload/contract/operations/media.js';
import type { TranscriptView } from '../../../preload/contract/operations/transcripts.js';
import type { AnalysisView, CriterionAnswer, Outcome } from '../../../preload/contract/schemas/analysis.js';
import type { RecordingView, MetadataPatch } from '../../../preload/contract/schemas/recordings.js';
import type { AuditEntryView, ReviewView } from '../../../preload/contract/schemas/reviews.js';
import type { SpeakerRole } from '../../../preload/contract/schemas/transcript.js';
import type { Result } from '../../../preload/contract/define.js';
import type { RecordingEgress } from '../../../preload/contract/schemas/observability.js';
import { onPrivacyChange, usePrivacy } from './privacy-store.js';
import { api } from '../api/client.js';

/**
 * One open call: its recording, transcript, current analysis, the reviewer's work on it (overrides,
 * comments, review state, transcript corrections, final score), its audit trail and a signed audio
 * URL for the player. While the pipeline has not produced transcript/analysis yet ("not_found"),
 * the store polls gently so the page fills in as the queue finishes. Every reviewer change is sent at
 * once; the server answers with the whole review, which replaces ours (no merging).
 */
interface CallState {
  id: number | null;
  recording: RecordingView | null;
  transcript: TranscriptView | null;
  analysis: AnalysisView | null;
  review: ReviewView | null;
  audit: AuditEntryView[];
  /** What of this call was sent to providers (the egress ledger); null until loaded. */
  egress: RecordingEgress | null;
  audio: AudioUrl | null;
  /** Waiting for the pipeline (transcript or analysis not there yet). */
  pending: boolean;
  busy: boolean;
  error: ErrorInfo | null;
  open: (id: number) => void;
  close: () => void;
  swapSpeakers: () => Promise<void>;
  renameSpeaker: (speakerId: string, name: string | null, role?: SpeakerRole) => Promise<void>;
  /** Re-run the analysis, with the rubric named or the call's current one (default rubric if none). */
  reanalyze: (rubricId?: number) => Promise<void>;
  /** Edit the call's metadata (agent, queue, call time…); audited like every other change. */
  updateMetadata: (patch: MetadataPatch) => Promise<boolean>;
  override: (criterionId: string, answer: CriterionAnswer, comment: string) => Promise<boolean>;
  clearOverride: (criterionId: string) => Promise<void>;
  overrideCompliance: (index: number, status: 'met' | 'not_met' | 'n/a', comment: string) => Promise<boolean>;
  clearComplianceOverride: (index: number) => Promise<void>;
  /** The reviewer's outcome and reason for the call (an override like any answer). */
  overrideOutcome: (outcome: Outcome, callReason: string, comment: string) => Promise<boolean>;
  clearOutcomeOverride: () => Promise<void>;
  setReviewed: (reviewed: boolean) => Promise<boolean>;
  /** The agent acknowledges the reviewed scorecard. */
  acknowledge: () => Promise<boolean>;
  /** `coaching`: a note addressed to the call's agent (they see it and are notified). */
  addComment: (text: string, atSec: number | null, coaching?: boolean) => Promise<boolean>;
  /** Dispute one criterion of the reviewed scorecard (the agent, or a reviewer). */
  raiseDispute: (criterionId: string, comment: string, atSec: number | null) => Promise<boolean>;
  /** A lead resolves a dispute: the answer stands, or it changes (an override; the score follows). */
  resolveDispute: (disputeId: number, outcome: 'upheld' | 'changed', answer: CriterionAnswer | undefined, comment: string) => Promise<boolean>;
  deleteComment: (commentId: number) => Promise<void>;
  editSegment: (segmentIndex: number, text: string) => Promise<boolean>;
}

const POLL_MS = 1500;
let timer: ReturnType<typeof setTimeout> | null = null;
const stopPolling = () => {
  if (timer) clearTimeout(timer);
  timer = null;
};

export const useCall = create<CallState>((set, get) => {
  async function refresh(id: number): Promise<void> {
    const [rec, tr, an, rv, eg] = await Promise.all([
      api['recordings.get']({ id }), api['transcripts.get']({ id, redact: usePrivacy.getState().onScreen }), api['analysis.get']({ id }), api['reviews.get']({ id }), api['egress.forRecording']({ id }),
    ]);
    if (get().id !== id) return;
    const fatal = [rec, tr, an].find((r) => !r.ok && r.error.category !== 'not_found');
    set({
      recording: rec.ok ? rec.value : null,
      transcript: tr.ok ? tr.value : null,
      analysis: an.ok ? an.value : null,
      review: rv.ok ? rv.value : get().review,
      egress: eg.ok ? eg.value : get().egress,
      error: fatal && !fatal.ok ? fatal.error : !rec.ok ? rec.error : null,
      pending: rec.ok && (!tr.ok || !an.ok),
    });
    stopPolling();
    if (rec.ok && (!tr.ok || !an.ok) && !fatal) timer = setTimeout(() => void refresh(id), POLL_MS);
  }
  // Signed audio URLs live minutes (main/domains/media/handlers.ts): fetch a fresh one a minute
  // before the current one expires, for as long as the call stays open. The player keeps its position.
  let renewTimer: ReturnType<typeof setTimeout> | null = null;
  async function loadAudio(id: number) {
    if (renewTimer) clearTimeout(renewTimer);
    renewTimer = null;
    const r = await api['media.audioUrl']({ id });
    if (get().id !== id || !r.ok) return;
    set({ audio: r.value });
    const inMs = Math.max(5_000, Date.parse(r.value.expiresAt) - Date.now() - 60_000);
    renewTimer = setTimeout(() => void (get().id === id && loadAudio(id)), inMs);
  }
  async function loadAudit(id: number) {
    const r = await api['reviews.audit']({ id });
    if (get().id === id && r.ok) set({ audit: r.value });
  }
  /** Send one reviewer change; on success take the server's review and refresh the audit panel. */
  async function change(run: (id: number) => Promise<Result<ReviewView>>): Promise<boolean> {
    const id = get().id;
    if (id === null) return false;
    set({ busy: true });
    const r = await run(id);
    if (get().id !== id) return false;
    set(r.ok ? { review: r.value, busy: false, error: null } : { error: r.error, busy: false });
    if (r.ok) void loadAudit(id);
    return r.ok;
  }
  /** A dispute step answers with the dispute; the call's review (disputes, overrides, score) is re-read. */
  async function disputeStep(run: (id: number) => Promise<Result<unknown>>): Promise<boolean> {
    return change(async (id) => {
      const r = await run(id);
      return r.ok ? api['reviews.get']({ id }) : r;
    });
  }
  // Hiding or showing personal data re-reads the open call's transcript.
  onPrivacyChange(() => {
    const id = get().id;
    if (id !== null) void refresh(id);
  });
  return {
    id: null, recording: null, transcript: null, analysis: null, review: null, audit: [], egress: null, audio: null, pending: false, busy: false, error: null,
    open(id) {
      if (get().id === id) return;
      stopPolling();
      set({ id, recording: null, transcript: null, analysis: null, review: null, audit: [], egress: null, audio: null, pending: true, error: null });
      void refresh(id);
      void loadAudio(id);
      void loadAudit(id);
    },
    close() {
      stopPolling();
      if (renewTimer) clearTimeout(renewTimer);
      renewTimer = null;
      set({ id: null });
    },
    async swapSpeakers() {
      const id = get().id;
      if (id === null) return;
      set({ busy: true });
      const r = await api['transcripts.updateSpeakers']({ id, swapRoles: true });
      set(r.ok ? { transcript: r.value, busy: false, error: null } : { error: r.error, busy: false });
      if (r.ok) void loadAudit(id);
    },
    async renameSpeaker(speakerId, name, role) {
      const id = get().id;
      if (id === null) return;
      const r = await api['transcripts.updateSpeakers']({ id, speakers: [{ id: speakerId, name, ...(role ? { role } : {}) }] });
      set(r.ok ? { transcript: r.value, error: null } : { error: r.error });
      if (r.ok) void loadAudit(id);
    },
    async updateMetadata(patch) {
      const id = get().id;
      if (id === null) return false;
      set({ busy: true });
      const r = await api['recordings.updateMetadata']({ id, ...patch });
      set(r.ok ? { recording: r.value, busy: false, error: null } : { error: r.error, busy: false });
      if (r.ok) void loadAudit(id);
      return r.ok;
    },
    async reanalyze(rubricId) {
      const id = get().id;
      if (id === null) return;
      set({ busy: true });
      const r = await api['analysis.run']({ id, ...(rubricId ? { rubricId } : {}) });
      set(r.ok ? { analysis: r.value, busy: false, error: null } : { error: r.error, busy: false });
      if (r.ok) {
        const rv = await api['reviews.get']({ id });
        if (rv.ok && get().id === id) set({ review: rv.value });
      }
    },
    override: (criterionId, answer, comment) => change((id) => api['reviews.override']({ id, criterionId, answer, comment })),
    clearOverride: async (criterionId) => { await change((id) => api['reviews.clearOverride']({ id, criterionId })); },
    overrideCompliance: (index, status, comment) => change((id) => api['reviews.overrideCompliance']({ id, index, status, comment })),
    clearComplianceOverride: async (index) => { await change((id) => api['reviews.clearComplianceOverride']({ id, index })); },
    overrideOutcome: (outcome, callReason, comment) => change((id) => api['reviews.overrideOutcome']({ id, outcome, callReason, comment })),
    clearOutcomeOverride: async () => { await change((id) => api['reviews.clearOutcomeOverride']({ id })); },
    setReviewed: (reviewed) => change((id) => api['reviews.setReviewed']({ id, reviewed })),
    acknowledge: () => change((id) => api['reviews.acknowledge']({ id })),
    addComment: (text, atSec, coaching = false) => change((id) => api['reviews.addComment']({ id, text, atSec, coaching })),
    raiseDispute: (criterionId, comment, atSec) => disputeStep((recordingId) => api['disputes.raise']({ recordingId, criterionId, comment, atSec })),
    resolveDispute: (disputeId, outcome, answer, comment) => disputeStep(() => api['disputes.resolve']({ id: disputeId, outcome, comment, ...(answer ? { answer } : {}) })),
    deleteComment: async (commentId) => { await change((id) => api['reviews.deleteComment']({ id, commentId })); },
    editSegment: (segmentIndex, text) => change((id) => api['reviews.editTranscript']({ id, segmentIndex, text })),
  };
});

/** `#/calls/12` → 12. */
export function callIdFromHash(hash: string): number | null {
  const m = /^#\/calls\/(\d+)/.exec(hash);
  return m ? Number(m[1]) : null;
}
