import { request } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_BACKLOG_BYTES } from '../../main/server/event-stream.js';
import { startServer, type RunningServer } from '../../main/server/start-server.js';
import { startHarness, type ImportHarness } from './import-harness.js';

// GET /api/v1/events on the Hono server: each server owns its streams (two in one process stay
// apart), and a client that stops reading is dropped instead of buffering without bound.

let h: ImportHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** An event stream read with node:http (a socket we can pause), collecting the text. */
function openStream(server: RunningServer) {
  let text = '';
  let bytes = 0;
  let ended = false;
  let socket: Socket | null = null;
  const opened = new Promise<void>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: '/api/v1/events', headers: { Authorization: `Bearer ${server.token}` } }, (res) => {
      socket = res.socket;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        if (text.length < 100_000) text += c.toString('utf8');
      });
      const end = () => (ended = true);
      res.on('end', end);
      res.on('close', end);
      res.on('error', end);
      resolve();
    });
    req.on('error', reject);
    req.end();
  });
  return { opened, text: () => text, bytes: () => bytes, ended: () => ended, socket: () => socket! };
}

const until = async (cond: () => boolean, ms = 10_000) => {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('event stream', () => {
  it('two servers in one process: closing one ends only its own streams', async () => {
    const a = await startServer(h.core, { port: 0, staticDir: null });
    const b = await startServer(h.core, { port: 0, staticDir: null });
    const sa = openStream(a);
    const sb = openStream(b);
    await Promise.all([sa.opened, sb.opened]);
    await until(() => sa.text().includes(': connected') && sb.text().includes(': connected'));
    await a.close();
    await until(() => sa.ended());
    h.core.bus.emit('app.notice', { level: 'info', message: 'still here' });
    await until(() => sb.text().includes('still here'));
    expect(sb.ended()).toBe(false);
    expect(sb.text()).toContain('event: app.notice\ndata: {"level":"info","message":"still here"}');
    await b.close();
    await until(() => sb.ended());
  });

  it('a client that stops reading is dropped after a bounded backlog, not fed 40 MB', async () => {
    const server = await startServer(h.core, { port: 0, staticDir: null });
    const s = openStream(server);
    await s.opened;
    await until(() => s.text().includes(': connected'));
    s.socket().pause();
    const message = 'x'.repeat(100_000);
    const rssBefore = process.memoryUsage().rss;
    for (let i = 0; i < 400; i++) {
      h.core.bus.emit('app.notice', { level: 'info', message });
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    s.socket().resume();
    await until(() => s.ended());
    // What reached the client is the backlog plus what the kernel's socket buffers held: far less than the 40 MB emitted.
    expect(s.bytes()).toBeLessThan(EVENT_BACKLOG_BYTES + 8 * 1024 * 1024);
    expect(rssGrowth).toBeLessThan(30 * 1024 * 1024);
    // A new client is served normally afterwards.
    const again = openStream(server);
    await again.opened;
    await until(() => again.text().includes(': connected'));
    h.core.bus.emit('app.notice', { level: 'info', message: 'after' });
    await until(() => again.text().includes('"after"'));
    await server.close();
  });
});
