import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchRow } from './bench-row.js';
import { makeWavs } from './import.js';

/**
 * Tracing on vs off (issue 13), each in child processes of its own, one exporting OTLP/HTTP to a
 * receiver in this process, one with tracing off, same run: the queue's 10,000 no-op jobs (claim +
 * complete, a span per attempt) and the import of 1,000 one-MB WAVs (a batch span and a span per
 * file). Target: within 5%. Each side runs two or three times, alternating, and keeps its best run (the machine's
 * noise is larger than the effect otherwise).
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
    return JSON.parse(stdout.trim().split('\n').pop()!) as { tracing: boolean; value: number };
  };
  const compare = async (env: Record<string, string>, rounds: number) => {
    const off: number[] = [];
    const on: number[] = [];
    const before = spansBytes;
    for (let i = 0; i < rounds; i++) {
      off.push((await once(env)).value);
      const traced = await once({ ...env, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_BSP_SCHEDULE_DELAY: '500' });
      if (!traced.tracing) throw new Error('the traced run did not start tracing');
      on.push(traced.value);
    }
    const best = (xs: number[]) => Math.max(...xs);
    return { on: best(on), off: best(off), ratio: best(on) / best(off), note: `runs on ${on.join(', ')} · off ${off.join(', ')}; ${Math.round((spansBytes - before) / 1024)} KB of spans received` };
  };
  const work = mkdtempSync(join(tmpdir(), 'cca-bench-tracing-'));
  try {
    const queue = await compare({ BENCH_KIND: 'queue' }, 2);
    makeWavs(work, 1000);
    // The import shares the machine with the pipeline it starts: noisier, so one more round.
    const imports = await compare({ BENCH_KIND: 'import', BENCH_DIR: join(work, 'wavs') }, 3);
    return [
      {
        name: 'queue throughput with tracing on (OTLP/HTTP protobuf to a local receiver), 10,000 no-op jobs', value: queue.on, unit: 'jobs/s',
        baselineName: 'tracing off, same run', baseline: queue.off, ratio: queue.ratio, target: 'within 5% (ratio ≥ 0.95)', pass: queue.ratio >= 0.95, note: queue.note,
      },
      {
        name: 'import of 1,000 one-MB WAVs with tracing on (a span per file, OTLP/HTTP to a local receiver)', value: imports.on, unit: 'files/s',
        baselineName: 'tracing off, same run', baseline: imports.off, ratio: imports.ratio, target: 'within 5% (ratio ≥ 0.95)', pass: imports.ratio >= 0.95, note: imports.note,
      },
    ];
  } finally {
    receiver.close();
    rmSync(work, { recursive: true, force: true });
  }
}
