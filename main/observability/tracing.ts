import { ROOT_CONTEXT, SpanStatusCode, TraceFlags, trace, type Context, type Span, type SpanContext, type Tracer } from '@opentelemetry/api';
import type { IdGenerator, SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * Distributed tracing (OpenTelemetry), off unless OTEL_EXPORTER_OTLP_ENDPOINT (or the traces-only
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set: then, and only then, the SDK, the OTLP exporter
 * (OTEL_EXPORTER_OTLP_PROTOCOL http/protobuf by default, or http/json) and the undici instrumentation
 * (the provider SDKs' fetch requests become client spans) are loaded. Service name OTEL_SERVICE_NAME
 * (default cca); sampling OTEL_TRACES_SAMPLER, read by the SDK. With tracing off the API's no-op
 * tracer answers and nothing is exported.
 *
 * One trace per recording's pipeline: its ids are made when the recording is queued and stored with
 * its jobs (traceparent), each step attempt is a child span `step.<step>` — in whichever process
 * claims it, after any restart — and the root span `recording.pipeline` is written when the pipeline
 * settles, with the ids chosen at the start (PinnedIds), so it spans the whole processing.
 */
/**
 * The app's tracer, looked up at each use: the API is bundled while the SDK loads from node_modules
 * with its own copy of the API, so a tracer taken at module load would stay the bundled copy's no-op
 * proxy; the global provider both copies share is what counts.
 */
export const tracer = (): Tracer => trace.getTracer('cca');

interface Started {
  flush(): Promise<void>;
  ids: PinnedIds;
}
let started: Promise<Started | null> | null = null;
/** True once the SDK is registered (synchronous checks on hot paths). */
let active = false;
export const tracingActive = (): boolean => active;

/** An IdGenerator that hands out given ids for one synchronous span start (the pipeline's root). */
class PinnedIds implements IdGenerator {
  pinned: { traceId: string; spanId: string } | null = null;
  constructor(private readonly random: IdGenerator) {}
  generateTraceId(): string {
    return this.pinned?.traceId ?? this.random.generateTraceId();
  }
  generateSpanId(): string {
    return this.pinned?.spanId ?? this.random.generateSpanId();
  }
}

export const tracingConfigured = (env: NodeJS.ProcessEnv = process.env): boolean =>
  !!(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);

/**
 * Start tracing for this process once (the global tracer provider is one per process). `exporter`
 * replaces OTLP (tests: an in-memory exporter) and turns tracing on whatever the environment says.
 */
export function startTracing(env: NodeJS.ProcessEnv = process.env, opts: { exporter?: SpanExporter } = {}): Promise<boolean> {
  started ??= !opts.exporter && !tracingConfigured(env) ? Promise.resolve(null) : load(env, opts.exporter);
  return started.then((s) => s !== null);
}

async function load(env: NodeJS.ProcessEnv, exporter?: SpanExporter): Promise<Started> {
  const [{ NodeTracerProvider }, base, { resourceFromAttributes }, { registerInstrumentations }, { UndiciInstrumentation }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'), import('@opentelemetry/sdk-trace-base'), import('@opentelemetry/resources'),
    import('@opentelemetry/instrumentation'), import('@opentelemetry/instrumentation-undici'),
  ]);
  const out = exporter ?? (await otlpExporter(env));
  const ids = new PinnedIds(new base.RandomIdGenerator());
  const processor = exporter ? new base.SimpleSpanProcessor(out) : new base.BatchSpanProcessor(out);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || 'cca' }),
    idGenerator: ids,
    spanProcessors: [processor],
  });
  provider.register();
  registerInstrumentations({ instrumentations: [new UndiciInstrumentation()], tracerProvider: provider });
  active = true;
  return { flush: () => provider.forceFlush(), ids };
}

async function otlpExporter(env: NodeJS.ProcessEnv): Promise<SpanExporter> {
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || 'http/protobuf';
  if (protocol === 'http/json') return new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter();
  if (protocol === 'http/protobuf') return new (await import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter();
  throw new Error(`OTEL_EXPORTER_OTLP_PROTOCOL=${protocol} is not supported: use http/protobuf (default) or http/json.`);
}

/** Send what is buffered (core close, tests). */
export async function flushTracing(): Promise<void> {
  await (await started)?.flush();
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

function parse(traceParent: string | null | undefined): SpanContext | null {
  const m = TRACEPARENT.exec(traceParent ?? '');
  return m ? { traceId: m[1]!, spanId: m[2]!, traceFlags: parseInt(m[3]!, 16), isRemote: true } : null;
}

/**
 * The traceparent a new pipeline is stored with: fresh ids, and the sampler's decision made once for
 * the whole trace. Null when tracing is off.
 */
export function newPipelineTrace(recordingId: number): string | null {
  if (!active) return null;
  // Started only to draw ids and a sampling decision; never ended (the root is written at the end).
  const probe = tracer().startSpan('recording.pipeline', { root: true, attributes: { 'cca.recording.id': recordingId } });
  const c = probe.spanContext();
  if (!trace.isSpanContextValid(c)) return null;
  return `00-${c.traceId}-${c.spanId}-0${c.traceFlags & TraceFlags.SAMPLED}`;
}

/** The context a step attempt's span starts under: the pipeline root, or nothing. */
export function pipelineContext(traceParent: string | null | undefined): Context {
  const c = parse(traceParent);
  return c ? trace.setSpanContext(ROOT_CONTEXT, c) : ROOT_CONTEXT;
}

/** Write the pipeline's root span, with the ids it was given at the start, once it has settled. */
export async function endPipelineTrace(traceParent: string | null, r: { recordingId: number; startedAt: number; failed: boolean }): Promise<void> {
  const s = await started;
  const c = parse(traceParent);
  if (!s || !c || !(c.traceFlags & TraceFlags.SAMPLED)) return;
  s.ids.pinned = { traceId: c.traceId, spanId: c.spanId };
  let root: Span;
  try {
    root = tracer().startSpan('recording.pipeline', { root: true, startTime: r.startedAt, attributes: { 'cca.recording.id': r.recordingId } });
  } finally {
    s.ids.pinned = null;
  }
  if (r.failed) root.setStatus({ code: SpanStatusCode.ERROR, message: 'a step failed' });
  root.end();
}

/** trace_id/span_id of the active span, for log lines and ledger rows; {} outside a recorded span. */
export function activeTraceIds(): { trace_id?: string; span_id?: string } {
  const c = trace.getActiveSpan()?.spanContext();
  return c && trace.isSpanContextValid(c) && c.traceFlags & TraceFlags.SAMPLED ? { trace_id: c.traceId, span_id: c.spanId } : {};
}

/** The active span as a W3C traceparent (null outside a recorded span): what a job carries to a worker. */
export function activeTraceParent(): string | null {
  const c = trace.getActiveSpan()?.spanContext();
  return c && trace.isSpanContextValid(c) ? `00-${c.traceId}-${c.spanId}-0${c.traceFlags & TraceFlags.SAMPLED}` : null;
}

/**
 * Run `fn` in an active span (a no-op span with tracing off): an exception marks it as an error and
 * is rethrown; the span ends either way. For work of its own: an import batch and its files, exports.
 */
export function inSpan<T>(name: string, attributes: Record<string, string | number | boolean>, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (e) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.message : String(e) });
      throw e;
    } finally {
      span.end();
    }
  });
}
