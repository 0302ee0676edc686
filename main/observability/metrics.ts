import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The app's Prometheus metrics (prom-client), one registry per core so two cores in one process (the
 * tests) do not count into each other. Names and labels are a promise to users' dashboards
 * (docs/observability/): change none. Labels never carry recording ids, file names or messages, so
 * the series count stays bounded whatever the library's size.
 */
export interface AppMetrics {
  registry: Registry;
  stepDuration: Histogram<'step' | 'provider' | 'outcome'>;
  providerRequests: Counter<'provider' | 'operation' | 'status'>;
  providerRequestDuration: Histogram<'provider' | 'operation'>;
  httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  recordingsImported: Counter<'result'>;
  costUsd: Counter<'provider'>;
  egressBytes: Counter<'provider' | 'direction'>;
  dbQueryDuration: Histogram<'dao' | 'statement'>;
  /** Gauges read at scrape time from the queue (set once the queue exists). */
  sources: {
    jobs?: () => { step: string; state: string; n: number }[];
    circuits?: () => { provider: string; circuit: string }[];
    /** The worker services (team server): name = the worker token's name, chosen by an admin. */
    workers?: () => { name: string; state: string; concurrency: number; steps: string[]; inFlight: number }[];
  };
}

const circuitValue: Record<string, number> = { closed: 0, half_open: 1, open: 2, isolated: 2 };

export function createMetrics(): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  const sources: AppMetrics['sources'] = {};
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'cca_jobs', help: 'Pipeline jobs by step and state.', labelNames: ['step', 'state'] as const, registers,
    collect() {
      this.reset();
      for (const r of sources.jobs?.() ?? []) this.set({ step: r.step, state: r.state }, r.n);
    },
  });
  new Gauge({
    name: 'cca_circuit_state', help: 'Provider circuit breaker: 0 closed, 1 half-open, 2 open.', labelNames: ['provider'] as const, registers,
    collect() {
      this.reset();
      for (const c of sources.circuits?.() ?? []) this.set({ provider: c.provider }, circuitValue[c.circuit] ?? 2);
    },
  });
  new Gauge({
    name: 'cca_workers', help: 'Worker services (team server) by state: live, or gone (no heartbeat for 15 s; listed 10 minutes).',
    labelNames: ['state'] as const, registers,
    collect() {
      this.reset();
      const workers = sources.workers?.();
      if (!workers) return;
      for (const state of ['live', 'gone']) this.set({ state }, workers.filter((w) => w.state === state).length);
    },
  });
  // Per worker by its token's name, not its process id: names are the admin's few, ids change with every
  // start (an unbounded series count). Processes sharing a token add up.
  new Gauge({
    name: 'cca_worker_slots', help: 'Step slots of the live worker services by worker token name: total (concurrency × steps) and in_use.',
    labelNames: ['worker', 'kind'] as const, registers,
    collect() {
      this.reset();
      for (const w of sources.workers?.() ?? []) {
        if (w.state !== 'live') continue;
        this.inc({ worker: w.name, kind: 'total' }, w.concurrency * w.steps.length);
        this.inc({ worker: w.name, kind: 'in_use' }, w.inFlight);
      }
    },
  });
  return {
    registry,
    sources,
    stepDuration: new Histogram({
      name: 'cca_step_duration_seconds', help: 'Duration of one pipeline step attempt, by outcome (done, skipped, waiting_retry, failed...).',
      labelNames: ['step', 'provider', 'outcome'] as const, buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600], registers,
    }),
    providerRequests: new Counter({
      name: 'cca_provider_requests_total', help: 'HTTP requests to providers by operation and status (HTTP code, or "error" when no answer came).',
      labelNames: ['provider', 'operation', 'status'] as const, registers,
    }),
    providerRequestDuration: new Histogram({
      name: 'cca_provider_request_duration_seconds', help: 'Provider HTTP request duration, to the end of the response body.',
      labelNames: ['provider', 'operation'] as const, buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300], registers,
    }),
    httpRequestDuration: new Histogram({
      name: 'cca_http_request_duration_seconds', help: 'HTTP API request duration by route template.',
      labelNames: ['method', 'route', 'status'] as const, buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers,
    }),
    recordingsImported: new Counter({
      name: 'cca_recordings_imported_total', help: 'Files offered to the import, by result (imported, duplicate, failed).', labelNames: ['result'] as const, registers,
    }),
    costUsd: new Counter({ name: 'cca_cost_usd_total', help: 'Provider cost of finished steps, in US dollars.', labelNames: ['provider'] as const, registers }),
    egressBytes: new Counter({
      name: 'cca_egress_bytes_total', help: 'Bytes of request and response bodies exchanged with providers (direction sent or received).',
      labelNames: ['provider', 'direction'] as const, registers,
    }),
    dbQueryDuration: new Histogram({
      name: 'cca_db_query_duration_seconds', help: 'Database operation duration by DAO and statement.',
      labelNames: ['dao', 'statement'] as const, buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1], registers,
    }),
  };
}

/** `calls.list` → {dao: calls, statement: list}: the DAOs name every timed operation this way. */
export function dbOperationLabels(operation: string): { dao: string; statement: string } {
  const dot = operation.indexOf('.');
  return dot < 0 ? { dao: operation, statement: '' } : { dao: operation.slice(0, dot), statement: operation.slice(dot + 1) };
}
