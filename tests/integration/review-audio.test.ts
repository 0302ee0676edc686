import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audioPath } from '../../main/domains/media/audio-service.js';
import { UrlSigner } from '../../main/domains/media/signed-url.js';
import { createProtocolApp } from '../../main/server/protocol-app.js';
import { audioRoute } from '../../main/server/routes/audio-route.js';
import { startServer, type RunningServer } from '../../main/server/start-server.js';
import type { AudioUrl } from '../../preload/contract/operations/media.js';
import { startCallsHarness, type CallsHarness } from './calls-harness.js';
import { retryStaleConnectionsTo } from '../helpers/fetch-retry.js';

/**
 * The player's audio: Range requests (206, Content-Range, Accept-Ranges, Content-Type) streamed from
 * the library file, authorised by the token or a signed URL that works only for its own path, only
 * until it expires, only in this launch.
 */
let h: CallsHarness;
let server: RunningServer;
let base: string;
const bytes = Buffer.alloc(10_000);
for (let i = 0; i < bytes.length; i++) bytes[i] = i % 251;
let a: number;
let b: number;

beforeAll(async () => {
  h = await startCallsHarness({ count: 2, seed: 3 });
  [a, b] = [h.calls[0]!.id, h.calls[1]!.id];
  // Seeded recordings point at no file: give both a real one in the data dir.
  for (const id of [a, b]) {
    const file = join(h.core.config.paths.dataDir, `audio-${id}.wav`);
    writeFileSync(file, bytes);
    h.core.db.sqlite.prepare("UPDATE recordings SET audio_path = ?, container = 'wav' WHERE id = ?").run(file, id);
  }
  server = await startServer(h.core, { port: 0, rawRoutes: [audioRoute], staticDir: null });
  retryStaleConnectionsTo(`http://127.0.0.1:${server.port}`);
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.close();
  await h?.close();
});

const signed = async (id: number) => (await h.invoke<AudioUrl>('media.audioUrl', { id })).url;

describe('GET /api/v1/recordings/{id}/audio', () => {
  it('a signed URL serves a byte range as 206 with the right headers and bytes', async () => {
    const url = await signed(a);
    expect(url).toMatch(new RegExp(`^/api/v1/recordings/${a}/audio\\?exp=\\d+&sig=`));
    const res = await fetch(base + url, { headers: { Range: 'bytes=100-199' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes.subarray(100, 200));
  });

  it('open-ended and suffix ranges, the whole file without Range, 416 past the end', async () => {
    const url = base + (await signed(a));
    const open = await fetch(url, { headers: { Range: 'bytes=9990-' } });
    expect(open.status).toBe(206);
    expect(Buffer.from(await open.arrayBuffer())).toEqual(bytes.subarray(9990));
    const suffix = await fetch(url, { headers: { Range: 'bytes=-10' } });
    expect(suffix.headers.get('content-range')).toBe(`bytes 9990-9999/${bytes.length}`);
    await suffix.arrayBuffer();
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(bytes.length));
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(bytes);
    const past = await fetch(url, { headers: { Range: 'bytes=20000-' } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
  });

  it('refuses unsigned, tampered, other-path, expired and other-launch URLs', async () => {
    const good = await signed(a);
    expect((await fetch(`${base}${audioPath(a)}`)).status).toBe(401); // no token, no signature
    const sig = new URL(good, base).searchParams;
    expect((await fetch(`${base}${audioPath(a)}?exp=${sig.get('exp')}&sig=${sig.get('sig')!.slice(0, -2)}AA`)).status).toBe(403);
    // A's signature presented for B.
    expect((await fetch(`${base}${audioPath(b)}?exp=${sig.get('exp')}&sig=${sig.get('sig')}`)).status).toBe(403);
    // A later expiry with A's signature.
    expect((await fetch(`${base}${audioPath(a)}?exp=${Number(sig.get('exp')) + 60}&sig=${sig.get('sig')}`)).status).toBe(403);
    const expired = h.core.services.audio.urls.sign(audioPath(a), -5).url;
    expect((await fetch(base + expired)).status).toBe(403);
    const otherLaunch = new UrlSigner().sign(audioPath(a), 600).url;
    expect((await fetch(base + otherLaunch)).status).toBe(403);
  });

  it('accepts exactly one spelling of the signature and lives minutes, not hours', async () => {
    const good = new URL(await signed(a), base);
    const exp = good.searchParams.get('exp')!;
    const sig = good.searchParams.get('sig')!;
    expect(Number(exp) * 1000 - Date.now()).toBeLessThanOrEqual(10 * 60 * 1000 + 1000);
    expect((await fetch(`${base}${audioPath(a)}?exp=${exp}&sig=${sig}`)).status).toBe(200);
    // The same bytes as standard base64 with padding ('+/' and '='): refused.
    const std = Buffer.from(sig, 'base64url').toString('base64');
    expect(std).not.toBe(sig);
    expect((await fetch(`${base}${audioPath(a)}?exp=${exp}&sig=${encodeURIComponent(std)}`)).status).toBe(403);
    // Trailing junk Buffer.from would ignore: refused.
    expect((await fetch(`${base}${audioPath(a)}?exp=${exp}&sig=${sig}=`)).status).toBe(403);
  });

  it('a signed URL opens nothing else: other API paths still need the token', async () => {
    const { search } = new URL(await signed(a), base);
    expect((await fetch(`${base}/api/v1/recordings/${a}${search}`)).status).toBe(401);
    expect((await fetch(`${base}/api/v1/recordings/${a}/transcript${search}`)).status).toBe(401);
  });

  it('with the API token (no signature) it serves too', async () => {
    const res = await fetch(`${base}${audioPath(b)}`, { headers: { Authorization: `Bearer ${server.token}`, Range: 'bytes=0-9' } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes.subarray(0, 10));
  });
});

describe('the desktop app\'s app:// protocol (the same route through one fetch handler)', () => {
  let rendererDir: string;
  beforeAll(() => {
    rendererDir = join(h.core.config.paths.dataDir, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Call Center QA</title>');
  });
  const app = () => createProtocolApp(h.core, rendererDir);

  it('serves a signed range with 206, refuses a bad signature, and has no other API', async () => {
    const url = new URL(await signed(a), 'app://bundle');
    const res = await app().fetch(new Request(url.href, { headers: { Range: 'bytes=5-14' } }));
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 5-14/${bytes.length}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes.subarray(5, 15));
    url.searchParams.set('sig', 'AAAA');
    expect((await app().fetch(new Request(url.href))).status).toBe(403);
    expect((await app().fetch(new Request(`app://bundle${audioPath(a)}`))).status).toBe(404); // no token exists on app://
    expect((await app().fetch(new Request(`app://bundle/api/v1/recordings/${a}`))).status).toBe(404);
  });

  it('serves the bundle and the app shell for client-side routes', async () => {
    const page = await app().fetch(new Request('app://bundle/calls/42'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Call Center QA</title>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
