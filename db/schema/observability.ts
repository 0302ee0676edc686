import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { recordings } from './recordings.js';

/**
 * The egress ledger: one row per HTTP request to a provider (what left this machine). Written by the
 * instrumented fetch the provider SDKs use (main/observability/provider-traffic.ts), so nothing the
 * SDKs send escapes it. Bytes are the request and response bodies as sent and received; times are
 * epoch milliseconds. `recording_id` is null for requests outside a recording (key checks).
 */
export const providerRequests = sqliteTable(
  'provider_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    recordingId: integer('recording_id').references(() => recordings.id, { onDelete: 'cascade' }),
    jobId: integer('job_id'),
    step: text('step'),
    provider: text('provider').notNull(),
    /** Bounded name of the API operation (transcriptions, responses, chat.completions, speech_to_text...). */
    operation: text('operation').notNull(),
    /** Method and path, no query string: `POST /v1/audio/transcriptions`. */
    endpoint: text('endpoint').notNull(),
    model: text('model'),
    bytesSent: integer('bytes_sent').notNull(),
    bytesReceived: integer('bytes_received').notNull(),
    audioSec: real('audio_sec'),
    charsSent: integer('chars_sent'),
    /** HTTP status; null when no answer came (network error, abort). */
    status: integer('status'),
    error: text('error'),
    requestId: text('request_id'),
    costUsd: real('cost_usd'),
    traceId: text('trace_id'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('provider_requests_recording_idx').on(t.recordingId, t.at), index('provider_requests_at_idx').on(t.at)],
);

/**
 * Error tracking: every failed step attempt, once. `fingerprint` is the normalised message (numbers,
 * ids, quoted names and paths replaced), so the Problems view groups "file a.wav not found" with
 * "file b.wav not found". Pruned by age (settings.problemsRetentionDays).
 */
export const problems = sqliteTable(
  'problems',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    recordingId: integer('recording_id').references(() => recordings.id, { onDelete: 'cascade' }),
    jobId: integer('job_id'),
    step: text('step').notNull(),
    provider: text('provider').notNull(),
    category: text('category').notNull(),
    message: text('message').notNull(),
    hint: text('hint').notNull(),
    fingerprint: text('fingerprint').notNull(),
    /** What the job did next: waiting_retry, waiting_network, failed. */
    outcome: text('outcome').notNull(),
    attempt: integer('attempt').notNull(),
    traceId: text('trace_id'),
  },
  (t) => [index('problems_at_idx').on(t.at), index('problems_group_idx').on(t.category, t.step, t.provider, t.fingerprint, t.at)],
);

/**
 * The System view's history: one row per minute, series and label key (`steps_done` / `transcribe`),
 * written by the app itself every minute (main/observability/rollups.ts), so the monitoring charts
 * work offline with no Prometheus. Kept 8 days.
 */
export const metricRollups = sqliteTable(
  'metric_rollups',
  {
    /** Start of the minute, epoch ms. */
    minute: integer('minute').notNull(),
    name: text('name').notNull(),
    key: text('key').notNull().default(''),
    value: real('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.minute, t.name, t.key] })],
);
