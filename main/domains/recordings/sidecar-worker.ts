import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../errors.js';
import { parseSidecar } from './sidecar-parse.js';
import type { SidecarWorkerRequest, SidecarWorkerResponse } from './sidecar.js';

/**
 * The sidecar worker thread (built to dist/workers/sidecar.mjs by scripts/build.mjs): parses one
 * calls.csv / calls.xlsx off the thread that serves the API, under a heap limit set by sidecar.ts.
 * The result goes back in slices of SLICE entries, so the main thread deserialises a little at a time
 * instead of stalling on one 200,000-row message. One task per thread; the thread is then stopped.
 */
const port = parentPort;
if (!port) throw new Error('sidecar-worker.ts must run in a worker thread');
const SLICE = 5000;
const post = (m: SidecarWorkerResponse) => port.postMessage(m);

port.once('message', (m: SidecarWorkerRequest) => {
  parseSidecar(m.path).then(
    ({ report, byName }) => {
      const entries = [...byName];
      const bad = report.badRows;
      for (let i = 0; i < Math.max(entries.length, bad.length); i += SLICE) {
        post({ type: 'slice', entries: entries.slice(i, i + SLICE), badRows: bad.slice(i, i + SLICE) });
      }
      post({ type: 'done', report: { ...report, badRows: [] } });
    },
    (e: unknown) => {
      const err = e as Error;
      post({
        type: 'failed',
        error: isAppError(e)
          ? { isAppError: true, category: e.category, message: e.message, hint: e.hint, details: e.details }
          : { isAppError: false, message: String(err?.message ?? e) },
      });
    },
  );
});
