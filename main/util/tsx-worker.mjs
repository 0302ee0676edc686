// Entry of every worker thread started from sources (vitest, tsx): registers the tsx loader in this
// thread, then loads the .ts worker named in workerData.tsxEntry. Node 20 does not apply
// `execArgv: ['--import', 'tsx']` to a worker's modules, and a pool library (piscina) needs a file
// it can import, so this one file serves both (main/util/worker-thread.ts). Bundled builds never
// use it: their workers are plain .mjs.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const entry = await import(workerData.tsxEntry);
/** piscina calls the default export; a plain worker runs on import and exports nothing. */
export default entry.default;
