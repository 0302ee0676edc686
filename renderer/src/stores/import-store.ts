import { create } from 'zustand';
import type { ErrorInfo } from '../../../preload/contract/index.js';
import type { ImportBatchReport } from '../../../preload/contract/schemas/estimates.js';
import { importRetryable, type ImportCounts, type ImportFailure, type ImportFileResult, type ImportProgress, type SidecarReport } from '../../../preload/contract/schemas/recordings.js';
import { api, onEvent } from '../api/client.js';
import type { DropPayload, PickedFile } from '../views/import/collect-drop.js';
import { uploadFiles } from '../views/import/upload.js';

/**
 * The Import view's state: one batch at a time, rows added as the core reports each file finished
 * (import.progress), and what is needed to retry the failures (paths, or the File objects to upload
 * again). Duplicates are not failures: retrying them would change nothing. Failed files are also kept
 * by the core (importFailures.*), batch by batch, until the reviewer dismisses them, so they are still
 * listed after a reload. Retrying is offered only for what a retry can fix (importRetryable: not an
 * empty, oversized or corrupt file).
 */

export type RowKind = 'imported' | 'duplicate' | 'failed';
export const rowKind = (r: ImportFileResult): RowKind => (r.ok ? 'imported' : r.duplicateOf !== undefined ? 'duplicate' : 'failed');
/** Whether a kept failure is this row of its batch (same name, and the same path where there is one). */
export const sameFile = (f: ImportFailure, r: ImportFileResult): boolean => f.fileName === r.fileName && f.sourcePath === r.sourcePath;
/** A failed row that importing again may fix. */
export const retryableRow = (r: ImportFileResult): boolean => rowKind(r) === 'failed' && !!r.error && importRetryable(r.error.category);

interface ImportState {
  batchId: string | null;
  running: boolean;
  /** Browser mode: bytes sent so far / total, while the upload is in flight. */
  upload: { sent: number; total: number } | null;
  total: number | null;
  done: number;
  counts: ImportCounts;
  rows: ImportFileResult[];
  error: ErrorInfo | null;
  /** A calls.csv/.xlsx chosen in the view: sent with the next batch (browser: the file; desktop: its path). */
  sidecar: { name: string; file?: File; path?: string } | null;
  /** What the batch's metadata files matched and which lines were skipped. */
  sidecarReports: SidecarReport[];
  /** The batch's cost estimate (made before any provider step ran) and what it has cost so far. */
  estimate: ImportBatchReport | null;
  refreshEstimate: () => Promise<void>;
  chooseSidecar: (sidecar: { name: string; file?: File; path?: string } | null) => void;
  start: (payload: DropPayload) => Promise<void>;
  retryFailed: () => Promise<void>;
  clear: () => void;
  /** Failed files of every batch, kept until dismissed (oldest first). */
  failures: ImportFailure[];
  loadFailures: () => Promise<void>;
  /** Dismiss these kept failures (ids), a batch's (batchId), or all (nothing given). */
  dismiss: (sel?: { ids?: number[]; batchId?: string }) => Promise<void>;
  /** Import a past batch's retryable failures again (their paths); they leave the list, a new failure is kept anew. */
  retryKept: (batchId: string) => Promise<void>;
}

const zero: ImportCounts = { imported: 0, duplicate: 0, failed: 0 };
/** File objects of the current batch by name, to upload failed ones again. */
let pickedByName = new Map<string, PickedFile>();

export const useImport = create<ImportState>((set, get) => ({
  batchId: null,
  running: false,
  upload: null,
  total: null,
  done: 0,
  counts: zero,
  rows: [],
  error: null,
  sidecar: null,
  sidecarReports: [],
  estimate: null,
  failures: [],

  async loadFailures() {
    const r = await api['importFailures.list']({});
    if (r.ok) set({ failures: r.value.failures });
  },

  async dismiss(sel = {}) {
    const r = await api['importFailures.dismiss'](sel);
    if (!r.ok) return set({ error: r.error });
    const gone = (f: ImportFailure) =>
      (!sel.ids || sel.ids.includes(f.id)) && (sel.batchId === undefined || f.batchId === sel.batchId);
    const dismissed = get().failures.filter(gone);
    // The current batch's table forgets dismissed failures too.
    const dropped = dismissed.filter((f) => f.batchId === get().batchId);
    set({
      failures: get().failures.filter((f) => !gone(f)),
      rows: dropped.length ? get().rows.filter((row) => rowKind(row) !== 'failed' || !dropped.some((f) => sameFile(f, row))) : get().rows,
    });
  },

  async retryKept(batchId) {
    const kept = get().failures.filter((f) => f.batchId === batchId && f.retryable && f.sourcePath);
    if (!kept.length) return;
    await get().dismiss({ ids: kept.map((f) => f.id) });
    await get().start({ kind: 'paths', paths: kept.map((f) => f.sourcePath!) });
  },

  async refreshEstimate() {
    const batchId = get().batchId;
    if (!batchId || !get().counts.imported) return;
    const r = await api['importBatches.get']({ id: batchId });
    if (r.ok && get().batchId === batchId) set({ estimate: r.value });
  },

  chooseSidecar(sidecar) {
    set({ sidecar });
  },

  async start(payload) {
    if (get().running) return;
    const count = payload.kind === 'paths' ? payload.paths.length : payload.files.length;
    if (!count) {
      set({ error: { category: 'invalid_input', message: 'Nothing to import in what was dropped.', hint: 'Drop audio files or folders that contain them.' } });
      return;
    }
    const batchId = `b-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    set({ batchId, running: true, rows: [], counts: zero, done: 0, total: payload.kind === 'files' ? count : null, error: null, upload: null, sidecarReports: [], estimate: null });
    const sidecar = get().sidecar;
    let result;
    if (payload.kind === 'paths') {
      result = await api['recordings.import']({ paths: payload.paths, batchId, ...(sidecar?.path ? { sidecarPath: sidecar.path } : {}) });
    } else {
      pickedByName = new Map(payload.files.map((f) => [f.file.name, f]));
      set({ upload: { sent: 0, total: 1 } });
      result = await uploadFiles(payload.files, batchId, (sent, total) => set({ upload: { sent, total } }), sidecar?.file);
    }
    if (get().batchId !== batchId) return;
    if (result.ok) {
      // The final answer is authoritative (events may be missed during a reconnect).
      const v = result.value;
      set({ rows: v.results, counts: v.counts, done: v.results.length, total: v.results.length, running: false, upload: null, sidecarReports: v.sidecars });
      await Promise.all([get().refreshEstimate(), get().loadFailures()]);
    } else {
      set({ running: false, upload: null, error: result.error });
    }
  },

  async retryFailed() {
    const failed = get().rows.filter(retryableRow);
    if (!failed.length) return;
    // They leave the kept list: a retry that fails again is kept under the new batch.
    const kept = get().failures.filter((f) => f.batchId === get().batchId && failed.some((r) => sameFile(f, r))).map((f) => f.id);
    if (kept.length) await get().dismiss({ ids: kept });
    const paths = failed.map((r) => r.sourcePath).filter((p): p is string => !!p);
    if (paths.length) return get().start({ kind: 'paths', paths });
    const files = failed.map((r) => pickedByName.get(r.fileName)).filter((f): f is PickedFile => !!f);
    if (files.length) return get().start({ kind: 'files', files });
  },

  clear() {
    set({ batchId: null, rows: [], counts: zero, done: 0, total: null, error: null, upload: null, estimate: null });
  },
}));

onEvent('import.progress', (p: ImportProgress) => {
  const s = useImport.getState();
  if (p.batchId !== s.batchId || !s.running) return;
  useImport.setState({
    total: p.total ?? s.total,
    done: p.done,
    counts: p.counts,
    rows: p.results?.length ? [...s.rows, ...p.results] : p.result ? [...s.rows, p.result] : s.rows,
    upload: null, // processing has started: the upload is complete
  });
});
