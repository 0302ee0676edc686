import type { JobState, JobView } from '../../../../preload/contract/schemas/queue.js';

/** The words a reviewer sees for each state (the API speaks snake_case ids). */
export const stateLabels: Record<JobState, string> = {
  queued: 'Queued',
  running: 'Running',
  waiting_retry: 'Waiting to retry',
  waiting_network: 'Waiting for network',
  waiting_config: 'Needs setup',
  paused: 'Paused',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const stepLabels: Record<string, string> = {
  probe: 'Check file',
  transcribe: 'Transcribe',
  analyze: 'Analyze',
  metrics: 'Audio metrics',
  local_analysis: 'Local checks',
  index: 'Index',
};

export { stepNames as pipelineSteps } from '../../../../preload/contract/schemas/queue.js';

/** A span of waiting or work in words ("45 s", "3 min", "1 h 5 min"): retries, estimates. A call's length is a clock (time-format.ts). */
export function spanInWords(sec: number): string {
  if (sec < 60) return `${Math.max(1, Math.round(sec))} s`;
  if (sec < 3600) return `${Math.round(sec / 60)} min`;
  const h = Math.floor(sec / 3600);
  return `${h} h ${Math.round((sec - h * 3600) / 60)} min`;
}

/** One line under a step's pill: why it waits, when it retries, how far it is. */
export function stepDetail(j: JobView, now: number): string {
  switch (j.state) {
    case 'running':
      return j.progress !== null ? `${Math.round(j.progress * 100)}%` : `attempt ${j.attempts}`;
    case 'waiting_retry':
      return j.nextRunAt ? `retry in ${spanInWords(Math.max(0, (j.nextRunAt - now) / 1000))} (${j.attempts}/${j.maxAttempts})` : 'retrying soon';
    case 'waiting_network':
      return 'resumes when the provider is back';
    case 'waiting_config':
    case 'failed':
      return j.error?.message ?? '';
    case 'done':
      return j.durationMs !== null ? spanInWords(j.durationMs / 1000) : '';
    default:
      return '';
  }
}
