import { create } from 'zustand';
import type { ErrorInfo } from '../../../preload/contract/index.js';
import type { CallFilter } from '../../../preload/contract/schemas/calls.js';
import type { ExportKind, ExportProgress, RecentExport } from '../../../preload/contract/schemas/exports.js';
import { api, onEvent, transport } from '../api/client.js';
import { fetchExport, saveBlob } from '../views/reports/download.js';
import { kindInfo } from '../views/reports/report-kinds.js';
import { useCalls } from './calls-store.js';

/**
 * The Reports view's state: what to export (kind, scope, options), the preview, the progress of a
 * long data export (exports.progress events carry our exportId), and the recent exports list.
 * Every file is made by the API path the store builds, so preview, save and "again" agree.
 */
export interface CallOption {
  id: number;
  label: string;
  /** What "Find a call" matches: file name, agent and call date, lower-cased. */
  search: string;
}

/** How many of the newest calls the picker offers (the list API's page limit); older ones export from their call page. */
export const PICKER_CALLS = 500;

interface ReportsState {
  kind: ExportKind;
  recordingId: number | null;
  agent: string;
  from: string;
  to: string;
  redact: boolean;
  audio: boolean;
  calls: CallOption[];
  /** All calls there are (more than `calls` holds when past PICKER_CALLS). */
  callsTotal: number;
  agents: string[];
  busy: boolean;
  progress: ExportProgress | null;
  preview: { kind: 'pdf' | 'html' | 'text' | 'table'; url: string | null; text: string | null; fileName: string } | null;
  recent: RecentExport[];
  error: ErrorInfo | null;
  notice: string | null;
  init: () => Promise<void>;
  set: (patch: Partial<Pick<ReportsState, 'kind' | 'recordingId' | 'agent' | 'from' | 'to' | 'redact' | 'audio'>>) => void;
  path: () => string | null;
  runPreview: () => Promise<void>;
  save: (path?: string) => Promise<void>;
  loadRecent: () => Promise<void>;
}

const today = () => new Date().toISOString().slice(0, 10);
const monthAgo = () => new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
let exportSeq = 0;

function filterQuery(f: CallFilter, sort: string, dir: string): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  q.set('sort', sort);
  q.set('dir', dir);
  return q;
}

const fail = (e: unknown): ErrorInfo => ({ category: 'internal', message: e instanceof Error ? e.message : String(e), hint: 'Check the choices above and try again.' });

export const useReports = create<ReportsState>((set, get) => {
  onEvent('exports.progress', (p) => {
    if (get().progress?.exportId === p.exportId) set({ progress: p });
  });
  return {
    kind: 'report.pdf',
    recordingId: null,
    agent: '',
    from: monthAgo(),
    to: today(),
    redact: true,
    audio: false,
    calls: [],
    callsTotal: 0,
    agents: [],
    busy: false,
    progress: null,
    preview: null,
    recent: [],
    error: null,
    notice: null,

    async init() {
      const [list, facets] = await Promise.all([api['calls.list']({ limit: PICKER_CALLS, sort: 'date', dir: 'desc' }), api['calls.facets']({})]);
      if (list.ok) {
        const calls = list.value.items.map((c) => {
          const day = c.callAt.slice(0, 10);
          return { id: c.id, label: [c.fileName, c.agent, day].filter(Boolean).join(' · '), search: [c.fileName, c.agent ?? '', day].join(' ').toLowerCase() };
        });
        set({ calls, callsTotal: list.value.total, recordingId: get().recordingId ?? calls[0]?.id ?? null });
      }
      if (facets.ok) set({ agents: facets.value.agents.map((a) => a.value), agent: get().agent || facets.value.agents[0]?.value || '' });
      await get().loadRecent();
    },

    set(patch) {
      const prev = get().preview;
      if (prev?.url) URL.revokeObjectURL(prev.url);
      set({ ...patch, preview: null, error: null, notice: null });
    },

    path() {
      const s = get();
      const info = kindInfo(s.kind);
      const q = new URLSearchParams();
      let base: string;
      if (info.scope === 'call') {
        if (!s.recordingId) return null;
        base = `/api/v1/recordings/${s.recordingId}/${s.kind}`;
        if (s.kind === 'evidence.html' && s.audio) q.set('audio', 'true');
      } else if (info.scope === 'agent') {
        if (!s.agent) return null;
        base = '/api/v1/reports/agent.pdf';
        q.set('agent', s.agent);
        q.set('from', s.from);
        q.set('to', s.to);
      } else if (info.scope === 'team') {
        base = '/api/v1/reports/team.pdf';
        q.set('from', s.from);
        q.set('to', s.to);
      } else {
        const calls = useCalls.getState();
        base = `/api/v1/exports/${s.kind}`;
        filterQuery(calls.filter, calls.sort, calls.dir).forEach((v, k) => q.set(k, v));
      }
      // Redaction is on unless the reviewer unticked it: only then is redact=false sent (and audited).
      if (!s.redact) q.set('redact', 'false');
      const qs = q.toString();
      return qs ? `${base}?${qs}` : base;
    },

    async runPreview() {
      const path = get().path();
      const info = kindInfo(get().kind);
      if (!path || info.preview === 'none') return;
      if (info.preview === 'pdf' && transport?.kind === 'electron') {
        // Desktop: Chromium's PDF viewer needs webPreferences.plugins: true, which stays off
        // (security), so a PDF cannot be shown inside the window: save it through the OS dialog and
        // open it in the system's PDF reader instead.
        return get().save();
      }
      set({ busy: true, error: null, notice: null });
      try {
        // inline=true: a preview, kept out of the recent exports.
        const f = await fetchExport(withExportId(`${path}${path.includes('?') ? '&' : '?'}inline=true`, set));
        const prev = get().preview;
        if (prev?.url) URL.revokeObjectURL(prev.url);
        if (info.preview === 'text' || info.preview === 'table') set({ preview: { kind: info.preview, url: null, text: (await f.blob.text()).slice(0, 200_000), fileName: f.fileName } });
        else if (info.preview === 'html') set({ preview: { kind: 'html', url: null, text: await f.blob.text(), fileName: f.fileName } });
        else set({ preview: { kind: 'pdf', url: URL.createObjectURL(f.blob), text: null, fileName: f.fileName } });
      } catch (e) {
        set({ error: fail(e) });
      } finally {
        set({ busy: false });
        void get().loadRecent();
      }
    },

    async save(again) {
      const path = again ?? get().path();
      if (!path) return;
      set({ busy: true, error: null, notice: null });
      try {
        if (transport?.kind === 'electron') {
          // Desktop: main shows the OS save dialog and writes the file there.
          const r = await api['exports.saveAs']({ path });
          if (!r.ok) set({ error: r.error });
          else if (r.value.saved) set({ notice: `Saved ${r.value.destination}` });
          return;
        }
        const f = await fetchExport(withExportId(path, set));
        saveBlob(f);
        set({ notice: `Saved ${f.fileName}` });
      } catch (e) {
        set({ error: fail(e) });
      } finally {
        set({ busy: false });
        void get().loadRecent();
      }
    },

    async loadRecent() {
      const r = await api['exports.recent']({});
      if (r.ok) set({ recent: r.value });
    },
  };
});

/** Data exports report progress under an id we choose, so the bar follows this export only. */
function withExportId(path: string, set: (p: Partial<ReportsState>) => void): string {
  if (!path.startsWith('/api/v1/exports/')) return path;
  const exportId = `x${Date.now().toString(36)}${(exportSeq++).toString(36)}`;
  set({ progress: { exportId, kind: 'calls.csv', done: 0, total: null, finished: false } });
  return `${path}${path.includes('?') ? '&' : '?'}exportId=${exportId}`;
}
