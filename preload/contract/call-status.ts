import type { CallStatus } from './schemas/calls.js';

/**
 * The one rule for a call's status, shared by the core (the call projection, the Queue's counts) and
 * the renderer (the Queue's filter by call status).
 *
 * A call's pipeline status from its steps' states. Worst state wins: any failed step → failed;
 * running → processing; waiting for a retry, the network, configuration or a pause → waiting; queued
 * behind finished steps → processing; cancelled → cancelled; all done → done; no steps yet → imported.
 */
export function callStatusOf(states: readonly string[]): CallStatus {
  if (states.length === 0) return 'imported';
  const has = (...xs: string[]) => states.some((s) => xs.includes(s));
  if (has('failed')) return 'failed';
  if (has('running')) return 'processing';
  if (has('waiting_retry', 'waiting_network', 'waiting_config', 'paused')) return 'waiting';
  if (has('queued')) return has('done') ? 'processing' : 'queued';
  if (has('cancelled')) return 'cancelled';
  return 'done';
}
