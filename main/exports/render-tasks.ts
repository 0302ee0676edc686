import type { PiiCategory } from '../text/pii/index.js';
import type { WorkerErrorInfo } from '../util/worker-error.js';
import type { CallRows } from './call-record.js';
import type { CalibrationResults } from '../../preload/contract/schemas/calibrations.js';
import type { AgentReportData } from './pdf/agent-report.js';
import type { TeamReportData } from './pdf/team-report.js';

/**
 * What crosses to the render worker (render-worker.ts) and back. Tasks carry plain, structured-clone-able
 * data only (Maps and Dates are fine), never a DAO: the database is read on the main thread.
 *
 * A call's documents travel as its rows (JSON bodies still text, see readCallRows) plus the PII
 * categories to mask: parsing, correcting and redacting a 2,000-turn transcript costs as much main-thread
 * time as laying it out (~0.3 s each, measured), and cloning the parsed transcript (every word object)
 * more still, so the worker builds and redacts the record itself, then renders it.
 */
export interface CallSource {
  rows: CallRows;
  /** Empty: not redacted. */
  categories: readonly PiiCategory[];
}

export type RenderTask =
  | { kind: 'callReport'; call: CallSource; opts: { now?: Date } }
  | { kind: 'agentReport'; data: AgentReportData; opts: { now?: Date } }
  | { kind: 'teamReport'; data: TeamReportData; opts: { now?: Date } }
  | { kind: 'calibrationReport'; data: CalibrationResults; opts: { now?: Date } }
  | { kind: 'transcriptDocx'; call: CallSource; opts: { now?: Date } };

/**
 * Main → worker: run a task, or `ack` one chunk (the main thread has handed it to the destination
 * stream and that stream is not asking to wait). The worker keeps at most RENDER_WINDOW chunks unacked.
 */
export type RenderRequest = { type: 'run'; task: RenderTask } | { type: 'ack' };

/** Worker → main: output bytes in order, then `done` (pages for PDFs, null for DOCX) or `failed`. */
export type RenderResponse =
  | { type: 'chunk'; data: Uint8Array }
  | { type: 'done'; pages: number | null }
  | { type: 'failed'; error: WorkerErrorInfo };

/** Bytes per chunk message, and chunks in flight before the worker waits for acks (backpressure). */
export const RENDER_CHUNK_BYTES = 64 * 1024;
export const RENDER_WINDOW = 8;
