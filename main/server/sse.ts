import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core-types.js';

const HEARTBEAT_MS = 15_000;

/** Keep every open stream so shutdown can end them (otherwise server.close() waits forever). */
export const openStreams = new Set<ServerResponse>();

/** GET /api/v1/events: every core event as `event: <name>` + `data: <json>` (Server-Sent Events). */
export function openEventStream(core: Core, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 2000\n: connected\n\n');
  const unsubscribe = core.bus.subscribe((name, payload) => {
    res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  openStreams.add(res);
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
    openStreams.delete(res);
  };
  req.on('close', close);
  res.on('close', close);
}
