import { Writable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { buildCallRecord } from './call-record.js';
import { renderAgentReport } from './pdf/agent-report.js';
import { renderCalibrationReport } from './pdf/calibration-report.js';
import { renderCallReport } from './pdf/call-report.js';
import { renderTeamReport } from './pdf/team-report.js';
import { redactCall } from './redaction.js';
import { RENDER_CHUNK_BYTES, RENDER_WINDOW, type CallSource, type RenderRequest, type RenderResponse, type RenderTask } from './render-tasks.js';
import { transcriptDocx } from './transcript/docx.js';
import { toWorkerError } from '../util/worker-error.js';

/**
 * The render worker thread (built to dist/workers/exports.mjs by scripts/build.mjs): lays out PDF reports
 * (pdfkit) and packs DOCX transcripts (docx), so that CPU-heavy work never runs on the thread serving
 * the API. One task at a time; the output streams back in RENDER_CHUNK_BYTES messages, at most
 * RENDER_WINDOW of them unacknowledged, so a slow client holds the layout back instead of piling the
 * whole file up in memory. Started and bounded (memory, time) by render-in-worker.ts.
 */
const port = parentPort;
if (!port) throw new Error('render-worker.ts must run in a worker thread');

let inFlight = 0;
let resumeWrite: (() => void) | null = null;

/** A Writable whose bytes go to the main thread, coalesced into chunks and flow-controlled by acks. */
class PortWriter extends Writable {
  private parts: Buffer[] = [];
  private size = 0;

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size >= RENDER_CHUNK_BYTES) this.flush(cb);
    else cb();
  }

  override _final(cb: (e?: Error | null) => void): void {
    this.flush(cb);
  }

  private flush(cb: () => void): void {
    if (!this.size) return cb();
    // A fresh buffer we can transfer (Buffer.concat may hand out a slice of Node's shared pool).
    const data = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      data.set(p, at);
      at += p.length;
    }
    this.parts = [];
    this.size = 0;
    port!.postMessage({ type: 'chunk', data } satisfies RenderResponse, [data.buffer]);
    inFlight++;
    if (inFlight < RENDER_WINDOW) cb();
    else resumeWrite = cb;
  }
}

/** The call as its documents show it: corrected, then redacted in the requested categories. */
const callRecord = (c: CallSource) => redactCall(buildCallRecord(c.rows), c.categories).record;

async function run(task: RenderTask, out: PortWriter): Promise<number | null> {
  switch (task.kind) {
    case 'callReport':
      return renderCallReport(out, callRecord(task.call), { ...task.opts, redacted: task.call.categories.length > 0 });
    case 'agentReport':
      return renderAgentReport(out, task.data, task.opts);
    case 'teamReport':
      return renderTeamReport(out, task.data, task.opts);
    case 'calibrationReport':
      return renderCalibrationReport(out, task.data, task.opts);
    case 'transcriptDocx': {
      const record = callRecord(task.call);
      if (!record.transcript) throw new AppError('not_found', `Recording ${record.meta.id} has no transcript yet.`, 'Transcribe it first (see the Queue).');
      const body = await transcriptDocx(record.transcript, record.meta, { ...task.opts, redacted: task.call.categories.length > 0 });
      for (let i = 0; i < body.length; i += RENDER_CHUNK_BYTES) {
        if (!out.write(body.subarray(i, i + RENDER_CHUNK_BYTES))) await new Promise((r) => out.once('drain', r));
      }
      await new Promise<void>((resolve, reject) => out.end(() => resolve()).once('error', reject));
      return null;
    }
  }
}

port.on('message', (msg: RenderRequest) => {
  if (msg.type === 'ack') {
    inFlight--;
    const resume = resumeWrite;
    resumeWrite = null;
    resume?.();
    return;
  }
  inFlight = 0;
  resumeWrite = null;
  run(msg.task, new PortWriter()).then(
    (pages) => port.postMessage({ type: 'done', pages } satisfies RenderResponse),
    (e: unknown) => port.postMessage({ type: 'failed', error: toWorkerError(e) } satisfies RenderResponse),
  );
});
