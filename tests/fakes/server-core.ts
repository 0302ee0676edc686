import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultPlan, type FaultPatch, type FaultSettings, type InjectedFault } from './faults.js';
import type { SpecValidator } from './spec-check.js';

/**
 * The HTTP plumbing both fakes share: routing, request log and per-endpoint counters, the fault plan
 * (latency, outage, invalid key, injected errors), self-checking answers against the spec, and a
 * close() that also ends connections left hanging by the 'timeout' fault.
 */
export type Outcome = 'ok' | 'rejected' | 'outage' | 'invalid_key' | 'not_found' | 'error' | InjectedFault;

export interface RecordedRequest {
  /** Date.now() when the request head arrived. */
  at: number;
  method: string;
  path: string;
  /** 'POST /v1/responses' (method + path without query). */
  endpoint: string;
  /** Status sent, or null when none was (outage, reset, timeout). */
  status: number | null;
  outcome: Outcome;
  /** Request body bytes as they arrived, and response body bytes sent (what the app's egress ledger must match). */
  bytesIn: number;
  bytesOut: number;
}

export interface Violation {
  at: number;
  endpoint: string;
  /** request: the client sent something the spec forbids; response/analysis: the fake itself erred. */
  where: 'request' | 'response' | 'analysis';
  errors: string[];
}

export interface RouteResult {
  status: number;
  body: unknown;
  /** 'text/plain' bodies are sent as-is; anything else is JSON. */
  contentType?: string;
  headers?: Record<string, string>;
  /** Spec pointer the body must satisfy (checked on every answer; a mismatch is a 'response' violation). */
  schema?: string;
  /** A variant of body that breaks `schema`, sent by the 'schema_violation' fault. */
  corrupt?: () => unknown;
  /** Outcome to record (default 'ok' for 2xx, 'rejected' otherwise). */
  outcome?: Outcome;
}

export interface RouteContext {
  endpoint: string;
  violation(where: Violation['where'], errors: string[]): void;
}

export type Route = (req: IncomingMessage, ctx: RouteContext) => Promise<RouteResult>;

export interface ProviderAdapter {
  spec: SpecValidator;
  routes: Record<string, Route>;
  /** null when the request carries an accepted key; otherwise the provider's 401 answer. */
  authenticate(req: IncomingMessage, forceInvalid: boolean): RouteResult | null;
  /** The provider's answer for an injected HTTP error or an unknown route. */
  errorResult(kind: 'rate_limit' | 'server_error' | 'unavailable' | 'not_found', retryAfterSeconds: number): RouteResult;
}

export interface FakeServer {
  /** Base URL the SDK should use (OpenAI: ends with /v1; ElevenLabs: the origin). */
  url: string;
  port: number;
  /** Requests per endpoint, every request counted (faulted or not). */
  calls: Record<string, number>;
  requests: RecordedRequest[];
  violations: Violation[];
  /** Merge fault settings; resolves once an outage switch has taken effect on the socket. */
  setFaults(patch: FaultPatch): Promise<void>;
  readonly faults: Readonly<FaultSettings>;
  /** Forget calls, requests and violations (fault settings stay). */
  resetStats(): void;
  close(): Promise<void>;
}

async function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded) return;
  req.resume();
  await new Promise<void>((resolve) => {
    req.on('end', resolve);
    req.on('error', () => resolve());
    req.on('close', () => resolve());
  });
}

function send(res: ServerResponse, result: RouteResult, rawBody?: string): number {
  const text = rawBody ?? (result.contentType === 'text/plain' ? String(result.body) : JSON.stringify(result.body));
  res.writeHead(result.status, {
    'content-type': result.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : 'application/json',
    'content-length': Buffer.byteLength(text),
    ...result.headers,
  });
  res.end(text);
  return Buffer.byteLength(text);
}

export async function startFakeServer(
  adapter: ProviderAdapter,
  options: { port?: number; host?: string; basePath?: string; faults?: FaultPatch },
): Promise<FakeServer> {
  const host = options.host ?? '127.0.0.1';
  const plan = new FaultPlan();
  const sockets = new Set<Socket>();
  const calls: Record<string, number> = {};
  const requests: RecordedRequest[] = [];
  const violations: Violation[] = [];
  let sequenceNo = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const endpoint = `${req.method ?? 'GET'} ${path}`;
    const record: RecordedRequest = { at: Date.now(), method: req.method ?? 'GET', path, endpoint, status: null, outcome: 'ok', bytesIn: 0, bytesOut: 0 };
    // Count the body as Node's HTTP parser hands it over, whoever reads it later (busboy, JSON, drain).
    const push = req.push.bind(req);
    req.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk) record.bytesIn += (chunk as Buffer).length;
      return push(chunk, encoding);
    };
    requests.push(record);
    calls[endpoint] = (calls[endpoint] ?? 0) + 1;
    const s = plan.settings;
    const finish = (result: RouteResult, rawBody?: string, outcome?: Outcome): void => {
      record.status = result.status;
      record.outcome = outcome ?? result.outcome ?? (result.status < 300 ? 'ok' : 'rejected');
      if (!res.headersSent) record.bytesOut = send(res, { ...result, headers: { 'x-request-id': `req_fake_${++sequenceNo}`, ...result.headers } }, rawBody);
    };

    if (s.outage) {
      record.outcome = 'outage';
      req.socket.destroy();
      return;
    }
    if (s.latencyMs > 0) await sleep(s.latencyMs);
    const route = adapter.routes[endpoint];
    if (!route) {
      await drain(req);
      return finish(adapter.errorResult('not_found', 0), undefined, 'not_found');
    }
    const denied = adapter.authenticate(req, s.invalidKey);
    if (denied) {
      await drain(req);
      return finish(denied, undefined, 'invalid_key');
    }
    const fault = plan.pick(endpoint);
    if (fault === 'rate_limit' || fault === 'server_error' || fault === 'unavailable') {
      await drain(req);
      return finish(adapter.errorResult(fault, s.retryAfterSeconds), undefined, fault);
    }
    if (fault === 'timeout' || fault === 'reset') {
      await drain(req);
      record.outcome = fault;
      // 'timeout' leaves the socket open and silent until the client aborts or close() runs.
      if (fault === 'reset') req.socket.resetAndDestroy();
      return;
    }
    const ctx: RouteContext = {
      endpoint,
      violation: (where, errors) => violations.push({ at: Date.now(), endpoint, where, errors }),
    };
    let result: RouteResult;
    try {
      result = await route(req, ctx);
    } catch (err) {
      await drain(req);
      ctx.violation('response', [`fake crashed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`]);
      return finish({ ...adapter.errorResult('server_error', 0), outcome: 'error' });
    }
    if (result.schema) {
      const errors = adapter.spec.validate(result.schema, result.body);
      if (errors.length) ctx.violation('response', [`answer breaks ${result.schema}`, ...errors]);
    }
    if (fault === 'malformed' && result.status < 300) {
      const text = JSON.stringify(result.body);
      return finish(result, text.slice(0, Math.max(1, Math.floor(text.length / 2))), 'malformed');
    }
    if (fault === 'schema_violation' && result.status < 300) {
      return finish({ ...result, body: result.corrupt ? result.corrupt() : { unexpected: true } }, undefined, 'schema_violation');
    }
    finish(result);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      violations.push({ at: Date.now(), endpoint: `${req.method} ${req.url}`, where: 'response', errors: [String(err)] });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 1000;

  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  const port = await listen(options.port ?? 0);
  let listening = true;

  const fake: FakeServer = {
    url: `http://${host}:${port}${options.basePath ?? ''}`,
    port,
    calls,
    requests,
    violations,
    get faults() {
      return plan.settings;
    },
    async setFaults(patch) {
      plan.apply(patch);
      const refuse = plan.settings.outage === 'refuse';
      if (refuse && listening) {
        listening = false;
        await stopListening();
      } else if (!refuse && !listening) {
        await listen(port);
        listening = true;
      }
    },
    resetStats() {
      for (const key of Object.keys(calls)) delete calls[key];
      requests.length = 0;
      violations.length = 0;
    },
    async close() {
      if (listening) {
        listening = false;
        await stopListening();
      }
    },
  };
  if (options.faults) await fake.setFaults(options.faults);
  return fake;
}
