// One run of the queue's no-op overhead figure in a process of its own, with tracing as the
// environment says (the tracer provider is one per process): `npm run bench` runs it with and without
// OTEL_EXPORTER_OTLP_ENDPOINT and compares (tests/bench/tracing.ts). Prints one JSON line.
import { flushTracing, startTracing } from '../../main/observability/tracing.js';
import { overhead } from './queue.js';

const on = await startTracing(process.env);
const row = await overhead(Number(process.env.BENCH_JOBS ?? 10_000));
await flushTracing();
process.stdout.write(`${JSON.stringify({ tracing: on, jobsPerSec: row.value })}\n`);
