import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Writable } from 'node:stream';
import type { z } from 'zod';
import {
  AgentReportQuery, ExportCallsQuery, RecordingExportQuery, TeamReportQuery, type ExportKind,
} from '../../preload/contract/schemas/exports.js';
import type { CoreContext } from '../core-types.js';
import { AppError } from '../errors.js';
import type { PiiCategory } from '../text/pii/index.js';
import { loadCallRecord, readCallRows, type CallRecord } from './call-record.js';
import { freeTextRedactor, redactCall } from './redaction.js';

/**
 * Every export the app makes, described once: its kind, REST path, query schema, file name and
 * content type, and how to write it. The HTTP routes, the "write to a file" operation (Electron's
 * save dialog) and the tests all go through these, so a format has one implementation.
 */
export interface ExportJob {
  fileName: string;
  contentType: string;
  /** Writes the whole export into `out` (and ends it). Returns rows written for data exports. */
  write(out: Writable): Promise<number | null>;
}

export interface ExportContext {
  core: CoreContext;
  categories: readonly PiiCategory[];
  exportId: string;
  onProgress: (done: number, total: number, finished: boolean) => void;
}

export interface ExportDef<Q extends z.ZodObject = z.ZodObject> {
  kind: ExportKind;
  path: string;
  query: Q;
  /** True when the path has an {id}. */
  perRecording: boolean;
  build(ctx: ExportContext, q: z.output<Q>, id: number | null): ExportJob;
}

const def = <Q extends z.ZodObject>(d: ExportDef<Q>) => d as unknown as ExportDef;

const stamp = () => new Date().toISOString().slice(0, 10);
const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'export';
const baseName = (r: CallRecord) => baseOf(r.meta.fileName);
const baseOf = (fileName: string) => safe(fileName.replace(/\.[^.]+$/, ''));

function redactedRecord(ctx: ExportContext, id: number) {
  return redactCall(loadCallRecord(ctx.core.daos, id), ctx.categories);
}

/** Write a whole small document and end the stream (write, then end, so byte counters see it). */
const end = async (out: Writable, body: string | Buffer) => {
  if (body.length && !out.write(body)) await new Promise((resolve) => out.once('drain', resolve));
  await new Promise<void>((resolve, reject) => out.end(() => resolve()).once('error', reject));
};

function dataExport(kind: 'calls.csv' | 'calls.xlsx' | 'calls.json', contentType: string) {
  const format = kind.split('.')[1] as 'csv' | 'xlsx' | 'json';
  return def({
    kind, path: `/api/v1/exports/${kind}`, query: ExportCallsQuery, perRecording: false,
    build: (ctx, q) => ({
      fileName: `calls-${stamp()}.${format}`,
      contentType,
      async write(out) {
        const { exportCalls } = await import('./data/export-calls.js');
        const rows = await exportCalls(format, out, { daos: ctx.core.daos, query: q, redactCategories: ctx.categories, onProgress: ctx.onProgress });
        if (!out.writableEnded) await end(out, '');
        return rows;
      },
    }),
  });
}

/**
 * Transcript files. The record is loaded corrected (call-record.ts applies the reviewer's edits) and
 * then redacted, so PII is detected on the corrected text; speaker names are the reviewer's.
 */
function transcriptExport(fmt: 'txt' | 'srt' | 'vtt' | 'docx', contentType: string) {
  return def({
    kind: `transcript.${fmt}`, path: `/api/v1/recordings/{id}/transcript.${fmt}`, query: RecordingExportQuery, perRecording: true,
    build: (ctx, _q, id) => {
      const noTranscript = () => new AppError('not_found', `Recording ${id} has no transcript yet.`, 'Transcribe it first (see the Queue).');
      if (fmt === 'docx') {
        // Only the rows are read here; parsing, corrections, redaction and packing run on a worker thread
        // (render-in-worker.ts), and the docx package never loads on this one.
        const rows = readCallRows(ctx.core.daos, id!, { bodyBytes: true });
        if (rows.transcriptBody === null) throw noTranscript();
        return {
          fileName: `${baseOf(rows.meta.file_name)}.${fmt}`,
          contentType,
          async write(out) {
            const { renderInWorker } = await import('./render-in-worker.js');
            await renderInWorker({ kind: 'transcriptDocx', call: { rows, categories: ctx.categories }, opts: {} }, out);
            return null;
          },
        };
      }
      const r = redactedRecord(ctx, id!);
      const t = r.record.transcript;
      if (!t) throw noTranscript();
      const redacted = ctx.categories.length > 0;
      return {
        fileName: `${baseName(r.record)}.${fmt}`,
        contentType,
        async write(out) {
          const m = await import('./transcript/index.js');
          const text = fmt === 'txt' ? m.transcriptTxt(t, r.record.meta, { redacted }) : fmt === 'srt' ? m.transcriptSrt(t) : m.transcriptVtt(t);
          await end(out, text);
          return null;
        },
      };
    },
  });
}

const audioMime: Record<string, string> = { '.wav': 'audio/wav', '.mp3': 'audio/mpeg', '.m4a': 'audio/mp4', '.aac': 'audio/aac', '.ogg': 'audio/ogg', '.opus': 'audio/ogg', '.flac': 'audio/flac', '.webm': 'audio/webm' };

/** The audio for the evidence pack: the original, or a copy with the redacted moments silenced. */
async function packAudio(ctx: ExportContext, record: CallRecord, spans: number): Promise<{ mime: string; base64: string }> {
  const ext = extname(record.meta.audioPath).toLowerCase();
  if (!ctx.categories.length || spans === 0) {
    return { mime: audioMime[ext] ?? 'audio/mpeg', base64: (await readFile(record.meta.audioPath)).toString('base64') };
  }
  // WAV stays WAV; anything else becomes MP3, which every browser plays.
  const outExt = ext === '.wav' ? '.wav' : '.mp3';
  const dir = await mkdtemp(join(tmpdir(), 'cca-pack-'));
  try {
    const file = join(dir, `audio${outExt}`);
    await ctx.core.services.localAnalytics.writeRedactedAudio(record.meta.id, file, { categories: ctx.categories });
    return { mime: audioMime[outExt]!, base64: (await readFile(file)).toString('base64') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const exportDefs: ExportDef[] = [
  dataExport('calls.csv', 'text/csv; charset=utf-8'),
  dataExport('calls.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  dataExport('calls.json', 'application/json; charset=utf-8'),
  def({
    kind: 'report.pdf', path: '/api/v1/recordings/{id}/report.pdf', query: RecordingExportQuery, perRecording: true,
    build: (ctx, _q, id) => {
      // Rows read here; the record is built, redacted and laid out on a worker thread (render-in-worker.ts).
      const rows = readCallRows(ctx.core.daos, id!, { bodyBytes: true });
      return {
        fileName: `${baseOf(rows.meta.file_name)}-scorecard.pdf`,
        contentType: 'application/pdf',
        async write(out) {
          const { renderInWorker } = await import('./render-in-worker.js');
          await renderInWorker({ kind: 'callReport', call: { rows, categories: ctx.categories }, opts: {} }, out);
          return null;
        },
      };
    },
  }),
  def({
    kind: 'evidence.html', path: '/api/v1/recordings/{id}/evidence.html', query: RecordingExportQuery, perRecording: true,
    build: (ctx, q, id) => {
      const r = redactedRecord(ctx, id!);
      return {
        fileName: `${baseName(r.record)}-evidence.html`,
        contentType: 'text/html; charset=utf-8',
        async write(out) {
          const { evidenceHtml } = await import('./evidence/evidence-html.js');
          const audio = q.audio ? await packAudio(ctx, r.record, r.silenceSpans.length) : null;
          const egress = ctx.core.observability.egress.forRecording(id!);
          await end(out, evidenceHtml(r.record, { redacted: ctx.categories.length > 0, audio, egress }));
          return null;
        },
      };
    },
  }),
  transcriptExport('txt', 'text/plain; charset=utf-8'),
  transcriptExport('srt', 'application/x-subrip; charset=utf-8'),
  transcriptExport('vtt', 'text/vtt; charset=utf-8'),
  transcriptExport('docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  def({
    kind: 'agent.pdf', path: '/api/v1/reports/agent.pdf', query: AgentReportQuery, perRecording: false,
    build: (ctx, q) => ({
      fileName: `agent-${safe(q.agent)}-${q.from}-to-${q.to}.pdf`,
      contentType: 'application/pdf',
      async write(out) {
        const [{ agentReportData }, { renderInWorker }] = await Promise.all([import('./pdf/agent-report.js'), import('./render-in-worker.js')]);
        const data = agentReportData(ctx.core.daos.reports, q, ctx.categories.length ? freeTextRedactor(ctx.categories) : null);
        await renderInWorker({ kind: 'agentReport', data, opts: {} }, out);
        return null;
      },
    }),
  }),
  def({
    kind: 'team.pdf', path: '/api/v1/reports/team.pdf', query: TeamReportQuery, perRecording: false,
    build: (ctx, q) => ({
      fileName: `team-${q.from}-to-${q.to}.pdf`,
      contentType: 'application/pdf',
      async write(out) {
        const [{ teamReportData }, { renderInWorker }] = await Promise.all([import('./pdf/team-report.js'), import('./render-in-worker.js')]);
        const data = teamReportData(ctx.core.daos.reports, q, { redacted: ctx.categories.length > 0 });
        await renderInWorker({ kind: 'teamReport', data, opts: {} }, out);
        return null;
      },
    }),
  }),
];
