import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchRow } from './bench-row.js';

/**
 * Tracing on vs off (issue 13): the queue's 10,000 no-op jobs (claim + complete, a span per attempt)
 * in two child processes, one exporting OTLP/HTTP to a receiver in this process, one with tracing off,
 * same run. Target: within 5%. Each side runs twice and keeps its better run (the machine's noise is
 * larger than the effect otherwise).
 */
const run = promisify(execFile);
const child = join(import.meta.dirname, 'tracing-child.ts');

export async function benchTracing(): Promise<BenchRow[]> {
  let spansBytes = 0;
  const receiver = createServer((req, res) => {
    req.on('data', (c: Buffer) => (spansBytes += c.length));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as { port: number }).port;
  const once = async (env: Record<string, string>) => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', child], { env: { ...process.env, ...env }, maxBuffer: 1 << 20 });
    return JSON.parse(stdout.trim().split('\n').pop()!) as { tracing: boolean; jobsPerSec: number };
  };
  try {
    const off: number[] = [];
    const on: number[] = [];
    for (let i = 0; i < 2; i++) {
      off.push((await once({})).jobsPerSec);
      const traced = await once({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_BSP_SCHEDULE_DELAY: '500' });
      if (!traced.tracing) throw new Error('the traced run did not start tracing');
      on.push(traced.jobsPerSec);
    }
    const best = (xs: number[]) => Math.max(...xs);
    const ratio = best(on) / best(off);
    return [{
      name: 'queue throughput with tracing on (OTLP/HTTP protobuf to a local receiver), 10,000 no-op jobs', value: best(on), unit: 'jobs/s',
      baselineName: 'tracing off, same run', baseline: best(off), ratio, target: 'within 5% (ratio ≥ 0.95)', pass: ratio >= 0.95,
      note: `runs on ${on.join(', ')} · off ${off.join(', ')}; ${Math.round(spansBytes / 1024)} KB of spans received`,
    }];
  } finally {
    receiver.close();
  }
}
