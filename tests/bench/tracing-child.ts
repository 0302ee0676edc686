// One run of a tracing-sensitive figure in a process of its own, with tracing as the environment says
// (the tracer provider is one per process): `npm run bench` runs it with and without
// OTEL_EXPORTER_OTLP_ENDPOINT and compares (tests/bench/tracing.ts). BENCH_KIND=queue: the queue's
// no-op overhead, jobs/s; BENCH_KIND=import: importing the folder BENCH_DIR, files/s. Prints one JSON line.
import { flushTracing, startTracing, tracingActive } from '../../main/observability/tracing.js';
import { startHarness } from '../integration/import-harness.js';
import { overhead } from './queue.js';

async function importRate(dir: string): Promise<number> {
  const h = await startHarness({ CCA_PROFILE: 'production', CCA_LOG_LEVEL: 'warn' });
  try {
    const t0 = performance.now();
    const batch = await h.service.importPaths([dir]);
    const sec = (performance.now() - t0) / 1000;
    if (!batch.counts.imported) throw new Error('nothing was imported');
    return Math.round((batch.counts.imported / sec) * 10) / 10;
  } finally {
    await h.close();
  }
}

await startTracing(process.env);
const value = process.env.BENCH_KIND === 'import' ? await importRate(process.env.BENCH_DIR!) : (await overhead(Number(process.env.BENCH_JOBS ?? 10_000))).value;
const on = tracingActive();
await flushTracing();
process.stdout.write(`${JSON.stringify({ tracing: on, value })}\n`);
