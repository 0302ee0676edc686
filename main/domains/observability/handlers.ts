import { ErrorCategory } from '../../../preload/contract/errors.js';
import type { TimeRange } from '../../../preload/contract/schemas/observability.js';
import type { HandlerMap } from '../../contract/registry.js';
import type { CoreContext } from '../../core-types.js';
import { AppError, noSuchRecording } from '../../errors.js';
import { systemMetrics } from './system-metrics.js';

const DAY = 86_400_000;

/** A range's bounds in epoch ms; a bare day is its UTC start. Default: the last 7 days. */
export function rangeOf(r: TimeRange, now = Date.now()): { from: number; to: number } {
  const at = (v: string) => Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
  const to = r.to ? at(r.to) : now;
  const from = r.from ? at(r.from) : to - 7 * DAY;
  if (!(from < to)) throw new AppError('invalid_input', `The range is empty: from (${r.from ?? 'default'}) must be before to (${r.to ?? 'now'}).`, 'Give a start earlier than the end.');
  return { from, to };
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The egress ledger and error tracking (main/observability records them): per call and per day, and
 * the Problems view's groups with "retry all".
 */
export function observabilityHandlers(core: CoreContext): Pick<HandlerMap, 'egress.forRecording' | 'egress.report' | 'problems.list' | 'problems.retry' | 'system.metrics'> {
  const { egress, problems } = core.observability;
  const recordings = core.daos.recordings;
  const queue = core.queue.service;
  return {
    'egress.forRecording': ({ id }) => {
      if (!recordings.get(id)) throw noSuchRecording(id);
      return egress.forRecording(id);
    },
    'egress.report': (r) => {
      const { from, to } = rangeOf(r);
      const days = egress.byDay(from, to);
      const providers = egress.byProvider(from, to);
      return { from: iso(from), to: iso(to), days, providers };
    },
    'system.metrics': ({ range }) => systemMetrics(core.observability.rollupsDao, range, core.observability.rollups.current()),
    'problems.list': (r) => {
      const { from, to } = rangeOf(r);
      const groups = problems.groups(from, to).map((g) => ({ ...g, category: ErrorCategory.catch('internal').parse(g.category), recordingIds: problems.recordingsOf(g, from, to, 200) }));
      return { from: iso(from), to: iso(to), groups, total: groups.length };
    },
    'problems.retry': ({ category, step, provider, fingerprint, ...range }) => {
      const { from, to } = rangeOf(range);
      const ids = problems.recordingsOf({ category, step, provider, fingerprint }, from, to);
      const { changed } = queue.retryStep(ids, step);
      return { recordings: ids.length, changed };
    },
  };
}
