import { create } from 'zustand';
import type { ErrorInfo } from '../../../preload/contract/index.js';
import type {
  CalibrationAnswerValue, CalibrationDetail, CalibrationInput, CalibrationResults, CalibrationSummary,
} from '../../../preload/contract/schemas/calibrations.js';
import { api } from '../api/client.js';

/** `recordingId:criterionId`: one answer of a scorecard. */
export const cellKey = (recordingId: number, criterionId: string) => `${recordingId}:${criterionId}`;

/** What a session shows the caller: scoring while they have scores to give, the results once open to them. */
export type SessionMode = 'score' | 'results' | 'waiting';
export const modeOf = (s: CalibrationSummary): SessionMode =>
  s.me.participant && !s.me.submitted && s.status === 'open' ? 'score' : s.me.seesResults ? 'results' : 'waiting';

interface CalibrationState {
  sessions: CalibrationSummary[] | null;
  error: ErrorInfo | null;
  openId: number | null;
  detail: CalibrationDetail | null;
  results: CalibrationResults | null;
  /** The caller's answers while scoring (saved ones, then their edits). */
  draft: Record<string, CalibrationAnswerValue>;
  dirty: boolean;
  busy: boolean;
  refresh: () => Promise<void>;
  open: (id: number | null) => Promise<void>;
  create: (input: CalibrationInput) => Promise<CalibrationSummary | null>;
  answer: (recordingId: number, criterionId: string, value: CalibrationAnswerValue) => void;
  save: (submit: boolean) => Promise<boolean>;
  setConsensus: (recordingId: number, criterionId: string, value: CalibrationAnswerValue | null) => Promise<void>;
  close: () => Promise<void>;
}

/** Calibration sessions (My reviews → Calibration): the list, the one open, and the caller's draft. */
export const useCalibration = create<CalibrationState>((set, get) => {
  const failed = (error: ErrorInfo) => set({ error, busy: false });
  const loadOpen = async (id: number) => {
    const d = await api['calibrations.get']({ id });
    if (!d.ok) return failed(d.error);
    const draft = Object.fromEntries(d.value.myAnswers.map((a) => [cellKey(a.recordingId, a.criterionId), a.answer]));
    set({ detail: d.value, draft, dirty: false, results: null });
    if (modeOf(d.value) === 'results') {
      const r = await api['calibrations.results']({ id });
      if (!r.ok) return failed(r.error);
      set({ results: r.value });
    }
  };
  return {
    sessions: null, error: null, openId: null, detail: null, results: null, draft: {}, dirty: false, busy: false,
    async refresh() {
      const r = await api['calibrations.list']({});
      if (r.ok) set({ sessions: r.value });
      else failed(r.error);
    },
    async open(id) {
      set({ openId: id, detail: null, results: null, draft: {}, dirty: false, error: null });
      if (id !== null) await loadOpen(id);
    },
    async create(input) {
      set({ busy: true, error: null });
      const r = await api['calibrations.create'](input);
      if (!r.ok) {
        failed(r.error);
        return null;
      }
      set({ busy: false });
      await get().refresh();
      return r.value;
    },
    answer(recordingId, criterionId, value) {
      set({ draft: { ...get().draft, [cellKey(recordingId, criterionId)]: value }, dirty: true });
    },
    async save(submit) {
      const { openId, draft } = get();
      if (openId === null) return false;
      set({ busy: true, error: null });
      const answers = Object.entries(draft).map(([key, answer]) => {
        const [rid, criterionId] = key.split(':') as [string, string];
        return { recordingId: Number(rid), criterionId, answer, comment: '' };
      });
      const r = await api['calibrations.saveAnswers']({ id: openId, answers, submit });
      if (!r.ok) {
        failed(r.error);
        return false;
      }
      set({ busy: false, dirty: false });
      if (submit) {
        await get().refresh();
        await loadOpen(openId);
      }
      return true;
    },
    async setConsensus(recordingId, criterionId, value) {
      const { openId } = get();
      if (openId === null) return;
      const r = await api['calibrations.setConsensus']({ id: openId, recordingId, criterionId, answer: value });
      if (!r.ok) return failed(r.error);
      await loadOpen(openId);
    },
    async close() {
      const { openId } = get();
      if (openId === null) return;
      const r = await api['calibrations.close']({ id: openId });
      if (!r.ok) return failed(r.error);
      await get().refresh();
      await loadOpen(openId);
    },
  };
});
