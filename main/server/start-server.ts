import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core } from '../core-types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { getRequestListener } from '@hono/node-server';
import { createHttpApp } from './http-app.js';
import type { HttpRoute } from './http-route.js';
import { failure } from './json-response.js';

/**
 * Node's HTTP limits, set deliberately (README "Limits"): a slow or hostile client cannot hold a
 * socket open forever. requestTimeout bounds a whole request including its body, so it is long
 * enough for a 1 GB upload over a slow loopback disk; the event stream is a response, not a body,
 * and is not cut by it.
 */
export const SERVER_LIMITS = {
  headersTimeoutMs: 10_000,
  /** How often Node looks for sockets past those timeouts (its default, 30 s, lets a slow client linger 40 s). */
  connectionsCheckingIntervalMs: 1_000,
  requestTimeoutMs: 30 * 60_000,
  keepAliveTimeoutMs: 5_000,
  maxHeaderSize: 16 * 1024,
} as const;

export interface RunningServer {
  server: Server;
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

/** The built renderer (dist/renderer), found next to the bundle or from the sources. */
export function rendererDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'renderer'), join(here, '..', '..', 'dist', 'renderer')];
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? null;
}

/**
 * Browser mode: the core's contract over HTTP on 127.0.0.1 only, a fresh random token per launch
 * (written to <dataDir>/api-token, mode 0600), the renderer as static files.
 */
export async function startServer(core: Core, opts: { port: number; host?: string; rawRoutes?: HttpRoute[]; staticDir?: string | null; eventHeartbeatMs?: number }): Promise<RunningServer> {
  const token = randomBytes(32).toString('base64url');
  let port = opts.port;
  const http = createHttpApp(core, { token, port: () => port, staticDir: opts.staticDir ?? rendererDir(), routes: opts.rawRoutes, eventHeartbeatMs: opts.eventHeartbeatMs });
  const listener = getRequestListener(http.app.fetch, {
    // The SDK clients of this process keep the platform's own Request/Response.
    overrideGlobalObjects: false,
    // Node itself discards an unread request body after the answer and keeps the connection alive
    // (the adapter's own clean-up would cut the socket of a client that sent too large a body).
    autoCleanupIncoming: false,
    errorHandler: (e) => {
      core.logger.error({ err: e }, 'request failed');
      return failure('internal', 'Something went wrong inside the app.', 'Try again; if it keeps happening send the log file to support.');
    },
  });
  const { tlsCert, tlsKey } = core.config.settings;
  const serverOptions = { maxHeaderSize: SERVER_LIMITS.maxHeaderSize, connectionsCheckingInterval: SERVER_LIMITS.connectionsCheckingIntervalMs };
  const handle = (req: IncomingMessage, res: ServerResponse) => void listener(req, res);
  // HTTPS with CCA_TLS_CERT/KEY (a team server without a proxy in front); plain HTTP otherwise.
  const server: Server = tlsCert
    ? createHttpsServer({ ...serverOptions, cert: readFileSync(tlsCert), key: readFileSync(tlsKey) }, handle)
    : createServer(serverOptions, handle);
  server.headersTimeout = SERVER_LIMITS.headersTimeoutMs;
  server.requestTimeout = SERVER_LIMITS.requestTimeoutMs;
  server.keepAliveTimeout = SERVER_LIMITS.keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  writeFileAtomic(core.config.paths.tokenFile, `${token}\n`, 0o600);
  // The ready line's URL carries the launch token (the local owner) in every mode; in users mode people
  // sign in at CCA_PUBLIC_URL instead.
  const url = `${tlsCert ? 'https' : 'http'}://127.0.0.1:${port}/#token=${token}`;
  core.logger.info({ port }, 'browser mode listening');
  return {
    server,
    port,
    token,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        http.close();
        server.closeIdleConnections();
        // Browsers reconnect event streams on kept-alive sockets; give in-flight requests a moment,
        // then cut whatever is left so shutdown never hangs.
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      }),
  };
}
