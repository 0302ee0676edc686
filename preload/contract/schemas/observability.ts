import { z } from 'zod';
import { ErrorCategory } from '../errors.js';

/**
 * What the app observes about itself, as it crosses the boundary: the egress ledger (what left this
 * machine, per call and per day) and error tracking (failures grouped into problems).
 */

const doc = <T extends z.ZodType>(t: T, description: string, example: string) => t.meta({ description, example });
/** An instant or a day (a day means its start, UTC). GET query values are text. */
const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);
export const TimeRange = z.object({
  from: doc(instant.optional(), 'Start, inclusive: an ISO date-time or a day (YYYY-MM-DD, its start in UTC). Default: 7 days ago.', '2024-05-01'),
  to: doc(instant.optional(), 'End, exclusive: an ISO date-time or a day. Default: now.', '2024-05-08T00:00:00Z'),
});
export type TimeRange = z.infer<typeof TimeRange>;

export const EgressItem = z.object({
  id: z.number().int(),
  /** Epoch milliseconds. */
  at: z.number().int(),
  step: z.string().nullable(),
  provider: z.string(),
  operation: z.string(),
  endpoint: z.string(),
  model: z.string().nullable(),
  bytesSent: z.number().int(),
  bytesReceived: z.number().int(),
  audioSec: z.number().nullable(),
  charsSent: z.number().int().nullable(),
  /** HTTP status; null when no answer came (network error, abort). */
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  requestId: z.string().nullable(),
  costUsd: z.number().nullable(),
  traceId: z.string().nullable(),
  durationMs: z.number().int(),
});
export type EgressItem = z.infer<typeof EgressItem>;

export const EgressTotals = z.object({
  requests: z.number().int(),
  bytesSent: z.number().int(),
  bytesReceived: z.number().int(),
  audioSec: z.number(),
  charsSent: z.number().int(),
  costUsd: z.number(),
});
export type EgressTotals = z.infer<typeof EgressTotals>;

export const RecordingEgress = z.object({
  /** False when nothing of this call was ever sent to a provider (local transcript, rules only). */
  leftMachine: z.boolean(),
  items: z.array(EgressItem),
  totals: EgressTotals,
});
export type RecordingEgress = z.infer<typeof RecordingEgress>;

export const EgressDay = EgressTotals.extend({ day: z.string(), provider: z.string() });
export const EgressReport = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(EgressDay),
  providers: z.array(EgressTotals.extend({ provider: z.string() })),
});
export type EgressReport = z.infer<typeof EgressReport>;

/** What identifies a problem: category × step × provider × normalised message. */
export const ProblemKey = z.object({
  category: ErrorCategory,
  step: z.string().min(1).max(40),
  provider: z.string().min(1).max(60),
  fingerprint: z.string().min(1).max(400),
});
export type ProblemKey = z.infer<typeof ProblemKey>;

export const ProblemGroup = ProblemKey.extend({
  message: z.string(),
  hint: z.string(),
  count: z.number().int(),
  recordings: z.number().int(),
  /** Affected recordings whose step is failed right now: what "retry all" re-runs. */
  failedNow: z.number().int(),
  firstSeen: z.number().int(),
  lastSeen: z.number().int(),
  sampleTraceId: z.string().nullable(),
  /** Up to 200 affected recordings, newest first (open them in the Calls view). */
  recordingIds: z.array(z.number().int()),
});
export type ProblemGroup = z.infer<typeof ProblemGroup>;

export const ProblemList = z.object({ from: z.string(), to: z.string(), groups: z.array(ProblemGroup), total: z.number().int() });
export type ProblemList = z.infer<typeof ProblemList>;

export const ProblemRetry = ProblemKey.extend(TimeRange.shape);
export const ProblemRetryResult = z.object({ recordings: z.number().int(), changed: z.number().int() });

export const systemRanges = ['1h', '24h', '7d'] as const;
export const SystemMetricsQuery = z.object({
  range: z.enum(systemRanges).default('1h').meta({ description: 'The last hour (1-minute points), day (15-minute points) or week (2-hour points).', example: '24h' }),
});
/**
 * How each stored series reads in a bucket: per_min = events per minute; sum = total in the bucket;
 * avg / max = of the minutes' values.
 */
export const systemSeriesKinds = {
  steps_done: 'per_min', steps_failed: 'per_min', steps_retried: 'per_min', provider_requests: 'per_min', provider_errors: 'per_min', imports: 'per_min',
  cost_usd: 'sum', egress_sent_bytes: 'sum', egress_received_bytes: 'sum',
  provider_p50_ms: 'avg', provider_p95_ms: 'max', queue_depth: 'avg', loop_p99_ms: 'max', rss_mb: 'avg', circuit: 'max',
} as const;
export type SystemSeriesName = keyof typeof systemSeriesKinds;
export const SystemSeries = z.object({
  name: z.enum(Object.keys(systemSeriesKinds) as [SystemSeriesName, ...SystemSeriesName[]]),
  /** The label: a step, provider, state or import result ('' for process-wide series). */
  key: z.string(),
  /** One value per time bucket; null where the app was not running. */
  values: z.array(z.number().nullable()),
});
export const SystemMetrics = z.object({
  range: z.enum(systemRanges),
  bucketSec: z.number().int(),
  /** Bucket starts, epoch ms. */
  times: z.array(z.number().int()),
  series: z.array(SystemSeries),
});
export type SystemMetrics = z.infer<typeof SystemMetrics>;
