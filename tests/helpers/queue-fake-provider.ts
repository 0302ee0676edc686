import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AppError } from '../../main/errors.js';
import { FaultPlan, type FaultPatch } from '../fakes/faults.js';

/**
 * A tiny provider stand-in for the queue's own tests: every POST answers `{"ok":true}` after a
 * latency, unless the fault plan (shared with the real provider fakes, tests/fakes/faults.ts) picks a
 * 429 + Retry-After, 500, 503, a hang (client timeout) or a connection reset. It records every request
 * with its time and outcome so tests can count provider calls and probes during an outage.
 */
export interface ProviderRequest {
  at: number;
  path: string;
  outcome: 'ok' | 'rate_limit' | 'server_error' | 'unavailable' | 'timeout' | 'reset' | 'outage';
}

export interface QueueFakeProvider {
  url: string;
  requests: ProviderRequest[];
  plan: FaultPlan;
  setOutage(on: boolean): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

export async function startQueueFakeProvider(opts: { latencyMs?: number; faults?: FaultPatch } = {}): Promise<QueueFakeProvider> {
  const plan = new FaultPlan();
  if (opts.faults) plan.apply(opts.faults);
  let latency = opts.latencyMs ?? 0;
  let outage = false;
  const requests: ProviderRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const rec: ProviderRequest = { at: Date.now(), path: req.url ?? '/', outcome: 'ok' };
      requests.push(rec);
      if (outage) {
        rec.outcome = 'outage';
        req.socket.destroy();
        return;
      }
      const fault = plan.pick(`POST ${(req.url ?? '/').split('?')[0]}`);
      setTimeout((): void => {
        if (res.destroyed) return;
        switch (fault) {
          case 'rate_limit':
            rec.outcome = 'rate_limit';
            res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(plan.settings.retryAfterSeconds) });
            res.end('{"error":"rate_limited"}');
            return;
          case 'server_error':
          case 'unavailable':
            rec.outcome = fault;
            res.writeHead(fault === 'server_error' ? 500 : 503, { 'content-type': 'application/json' });
            res.end('{"error":"server"}');
            return;
          case 'timeout':
            rec.outcome = 'timeout';
            return; // never answer; the client's timeout fires
          case 'reset':
            rec.outcome = 'reset';
            req.socket.destroy();
            return;
          default:
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end('{"ok":true}');
        }
      }, latency);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    plan,
    setOutage: (on) => {
      outage = on;
      if (on) for (const s of sockets) s.destroy();
    },
    setLatency: (ms) => (latency = ms),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * The client side a fake step runner uses: one HTTP call, its failures mapped the way the real
 * provider adapters must map them (status + Retry-After into AppError details).
 */
export async function callQueueFakeProvider(url: string, path: string, signal: AbortSignal): Promise<void> {
  const res = await fetch(`${url}${path}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' }, signal });
  await res.arrayBuffer();
  if (res.ok) return;
  const status = res.status;
  const retryAfter = Number(res.headers.get('retry-after'));
  const details = { status, retryAfterSec: Number.isFinite(retryAfter) ? retryAfter : undefined };
  if (status === 429) throw new AppError('rate_limit', 'The provider asked us to slow down (429).', 'Nothing to do: the step retries by itself.', { details });
  if (status === 401) throw new AppError('auth', 'The provider rejected the API key (401).', 'Check the key in Settings → API keys.', { details });
  throw new AppError('provider', `The provider failed (${status}).`, 'The step retries by itself.', { details });
}
