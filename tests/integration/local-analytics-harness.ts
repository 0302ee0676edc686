import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import pino from 'pino';
import type { ImportBatch } from '../../preload/contract/schemas/recordings.js';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import { loadConfig } from '../../main/config/load-config.js';
import { buildCore, type Core } from '../../main/core.js';
import { uploadRoute } from '../../main/server/routes/upload-route.js';
import { transcriptUploadRoute } from '../../main/server/routes/transcript-upload-route.js';
import { startServer, type RunningServer } from '../../main/server/start-server.js';
import { retryStaleConnectionsTo } from '../helpers/fetch-retry.js';

/**
 * A real core + browser-mode HTTP server on a fresh data dir with NO API keys and provider base URLs
 * pointing at a closed local port: whatever works here works offline. Helpers import recordings with
 * transcript files beside them, call the REST API, and wait for pipeline steps.
 */
export interface LocalHarness {
  core: Core;
  server: RunningServer;
  dataDir: string;
  /** Copy files into a fresh folder (names kept) and import that folder. */
  importFiles(files: { from?: string; name: string; content?: string }[]): Promise<ImportBatch>;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: { ok: boolean; value?: T; error?: { category: string; message: string } } }>;
  uploadTranscript(id: number, name: string, content: string): Promise<{ status: number; body: { ok: boolean; value?: { format: string; rerun: string[] }; error?: { category: string; message: string } } }>;
  steps(id: number): Record<string, string>;
  waitForSteps(id: number, want: Record<string, string | string[]>, timeoutMs?: number): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function startLocalHarness(): Promise<LocalHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cca-local-'));
  const closed = 'http://127.0.0.1:9/v1'; // discard port: nothing listens, any call would fail loudly
  const env = { CCA_DATA_DIR: dataDir, CCA_PROFILE: 'test', CCA_OPENAI_BASE_URL: closed, CCA_ELEVENLABS_BASE_URL: closed };
  const config = loadConfig(env);
  const core = await buildCore({ config, mode: 'browser', logger: pino({ level: 'silent' }), env: {} });
  const server = await startServer(core, { port: 0, rawRoutes: [uploadRoute, transcriptUploadRoute], staticDir: null });
  retryStaleConnectionsTo(`http://127.0.0.1:${server.port}`);
  const auth = { Authorization: `Bearer ${server.token}` };
  let drops = 0;
  const steps = (id: number) => Object.fromEntries(core.queue.service.query.byRecording(id).map((j) => [j.step, j.state]));
  return {
    core, server, dataDir, steps,
    async importFiles(files) {
      const dir = join(dataDir, 'drops', String(++drops));
      mkdirSync(dir, { recursive: true });
      for (const f of files) {
        if (f.from) copyFileSync(f.from, join(dir, f.name));
        else writeFileSync(join(dir, f.name), f.content ?? '');
      }
      return core.services.imports.importPaths([dir]);
    },
    async api(method, path, body) {
      const res = await fetch(`http://127.0.0.1:${server.port}${path}`, {
        method, headers: { ...auth, ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: (await res.json()) as never };
    },
    async uploadTranscript(id, name, content) {
      const form = new FormData();
      form.append('file', new Blob([content]), name);
      const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/recordings/${id}/transcript`, { method: 'POST', body: form, headers: auth });
      return { status: res.status, body: (await res.json()) as never };
    },
    async waitForSteps(id, want, timeoutMs = 30_000) {
      const t0 = Date.now();
      for (;;) {
        const s = steps(id);
        const ok = Object.entries(want).every(([step, states]) => (Array.isArray(states) ? states : [states]).includes(s[step] ?? 'absent'));
        if (ok) return s;
        if (Date.now() - t0 > timeoutMs) throw new Error(`recording ${id}: steps ${JSON.stringify(s)}, wanted ${JSON.stringify(want)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await server.close();
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The file name a recording's transcript gets to be picked up beside it. */
export const besideName = (audioPath: string, ext: string) => `${basename(audioPath, extname(audioPath))}.${ext}`;

// ---- Transcript files in every supported format, written from a normalized transcript ----

const label = (role: string) => (role === 'agent' ? 'Agent' : role === 'customer' ? 'Customer' : 'Speaker 1');
const stamp = (sec: number, sep: ',' | '.') => {
  const ms = Math.round(sec * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${sep}${String(ms % 1000).padStart(3, '0')}`;
};

export function toSrt(t: NormalizedTranscript): string {
  return t.segments.map((s, i) => `${i + 1}\n${stamp(s.start, ',')} --> ${stamp(s.end, ',')}\n${label(s.role)}: ${s.text}\n`).join('\n');
}

export function toVtt(t: NormalizedTranscript): string {
  return `WEBVTT\n\n${t.segments.map((s) => `${stamp(s.start, '.')} --> ${stamp(s.end, '.')}\n<v ${label(s.role)}>${s.text}\n`).join('\n')}`;
}

export function toTxt(t: NormalizedTranscript): string {
  const mmss = (x: number) => `${String(Math.floor(x / 60)).padStart(2, '0')}:${(x % 60).toFixed(3).padStart(6, '0')}`;
  return t.segments.map((s) => `[${mmss(s.start)}] ${label(s.role)}: ${s.text}`).join('\n') + '\n';
}

/** ElevenLabs speech-to-text response (diarized: speaker_0 = agent, speaker_1 = customer). */
export function toElevenLabsJson(t: NormalizedTranscript): string {
  const words = t.segments.flatMap((s) => s.words.flatMap((w, i) => [
    ...(i > 0 ? [{ text: ' ', start: w.start, end: w.start, type: 'spacing', speaker_id: s.role === 'agent' ? 'speaker_0' : 'speaker_1' }] : []),
    { text: w.text, start: w.start, end: w.end, type: 'word', speaker_id: s.role === 'agent' ? 'speaker_0' : 'speaker_1', logprob: 0 },
  ]));
  return JSON.stringify({ language_code: 'eng', language_probability: 0.99, text: t.segments.map((s) => s.text).join(' '), words }, null, 1);
}

export function toOpenAiVerboseJson(t: NormalizedTranscript): string {
  return JSON.stringify({
    task: 'transcribe', language: 'english', duration: t.durationSec ?? 0, text: t.segments.map((s) => s.text).join(' '),
    segments: t.segments.map((s, id) => ({ id, start: s.start, end: s.end, text: s.text })),
    words: t.segments.flatMap((s) => s.words.map((w) => ({ word: w.text, start: w.start, end: w.end }))),
  }, null, 1);
}

export function toOpenAiDiarizedJson(t: NormalizedTranscript): string {
  return JSON.stringify({
    task: 'transcribe', duration: t.durationSec ?? 0, text: t.segments.map((s) => s.text).join(' '),
    segments: t.segments.map((s, i) => ({ type: 'transcript.text.segment', id: `seg_${i}`, start: s.start, end: s.end, text: s.text, speaker: s.role === 'agent' ? 'A' : 'B' })),
  }, null, 1);
}
