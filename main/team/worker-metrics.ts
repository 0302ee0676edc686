import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How one step job ended on this worker. */
export type WorkerStepOutcome = 'done' | 'failed' | 'refused' | 'dropped';

export interface WorkerMetrics {
  registry: Registry;
  /** A step job ended: `refused` = the API no longer wanted the result, `dropped` = not started (gone before). */
  step(step: string, outcome: WorkerStepOutcome, seconds: number): void;
}

/**
 * A worker service's own Prometheus metrics (the provider requests it makes are counted by the API,
 * which receives them with each result). Labels are the step and the outcome only: bounded.
 */
export function createWorkerMetrics(inFlight: () => number): WorkerMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const steps = new Counter({ name: 'cca_worker_steps_total', help: 'Step jobs this worker ended, by step and outcome (done, failed, refused, dropped).', labelNames: ['step', 'outcome'] as const, registers });
  const duration = new Histogram({
    name: 'cca_worker_step_duration_seconds', help: 'Time this worker spent on a step job, from taking it to handing its result over.',
    labelNames: ['step'] as const, buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600], registers,
  });
  new Gauge({ name: 'cca_worker_in_flight', help: 'Step jobs running on this worker now.', registers, collect() { this.set(inFlight()); } });
  return {
    registry,
    step(step, outcome, seconds) {
      steps.inc({ step, outcome });
      if (outcome !== 'dropped') duration.observe({ step }, seconds);
    },
  };
}

/** GET /metrics (Prometheus text) on `host:port`; anything else 404. Resolves once listening. */
export async function serveWorkerMetrics(metrics: WorkerMetrics, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: this worker serves GET /metrics only.\n');
      return;
    }
    void metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (e: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${String(e)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  server.unref();
  return server;
}
