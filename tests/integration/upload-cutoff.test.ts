import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { raw } from '../helpers/raw-request.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';

// Cut-off and abandoned multipart uploads against the real server process (issue 11, item 1): the
// process stays up, the request answers one specific invalid_input error, nothing is left in .partial.

let app: ServedApp;
beforeAll(async () => {
  ensureBuilt();
  app = await startServedApp();
}, 120_000);
afterAll(async () => {
  await app.stop();
});

const partial = () => {
  const dir = join(app.dataDir, 'library', '.partial');
  return existsSync(dir) ? readdirSync(dir) : [];
};
const part = (field: string, name: string, body: string) => `--XX\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n${body}\r\n`;

/** POST a multipart body as curl --data-binary does (complete Content-Length, body as given). */
async function post(path: string, body: string) {
  const a = await raw(app, 'POST', path, { 'Content-Type': 'multipart/form-data; boundary=XX' }, Buffer.from(body));
  return { status: a.status, json: a.body as { ok: boolean; error?: { category: string; message: string; hint: string } } };
}

async function healthy() {
  const t0 = Date.now();
  const res = await app.api('/api/v1/health');
  expect(res.status).toBe(200);
  expect(Date.now() - t0).toBeLessThan(1000);
}

describe('cut-off multipart uploads', () => {
  it('answers invalid_input for an upload missing its closing boundary and keeps serving', async () => {
    const { status, json } = await post('/api/v1/recordings', '--XX\r\nContent-Disposition: form-data; name="files"; filename="a.wav"\r\n\r\nRIFF');
    expect(status).toBe(400);
    expect(json.ok).toBe(false);
    expect(json.error!.category).toBe('invalid_input');
    expect(json.error!.message).toMatch(/^The upload was cut off before it finished \(Unexpected end of form\); a cut-off request imports nothing/);
    expect(json.error!.hint).toMatch(/upload the files again/);
    expect(app.proc.exitCode).toBeNull();
    await healthy();
    expect(partial()).toEqual([]);
  });

  it('discards the files that arrived complete before the cut', async () => {
    const body = part('files', 'one.wav', 'RIFF....WAVEfmt ') + part('files', 'two.wav', 'RIFF....WAVEfmt ') + '--XX\r\nContent-Disposition: form-data; name="files"; filename="three.wav"\r\n\r\nRIF';
    const { status, json } = await post('/api/v1/recordings', body);
    expect(status).toBe(400);
    expect(json.error!.message).toContain('the 2 files that had arrived complete were discarded too');
    expect(partial()).toEqual([]);
    const list = (await (await app.api('/api/v1/recordings')).json()) as { value: { total: number } };
    expect(list.value.total).toBe(0);
    await healthy();
  });

  it('leaves no temp files when the client disconnects mid-upload', async () => {
    const head = `POST /api/v1/recordings HTTP/1.1\r\nHost: 127.0.0.1:${app.port}\r\nAuthorization: Bearer ${app.token}\r\nContent-Type: multipart/form-data; boundary=XX\r\nContent-Length: 10000000\r\n\r\n`;
    const socket = connect(app.port, '127.0.0.1');
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.write(head + part('files', 'done.wav', 'RIFF-complete') + '--XX\r\nContent-Disposition: form-data; name="files"; filename="big.wav"\r\n\r\n' + 'x'.repeat(200_000));
    // Wait until the server has staged something, then vanish.
    const t0 = Date.now();
    while (partial().length === 0 && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(partial().length).toBeGreaterThan(0);
    socket.destroy();
    const t1 = Date.now();
    while (partial().length > 0 && Date.now() - t1 < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(partial()).toEqual([]);
    await healthy();
  });

  it('refuses more than 1,000 files in one request with a specific error', async () => {
    const body = Array.from({ length: 1001 }, (_, i) => part('files', `f${i}.wav`, 'x')).join('') + '--XX--\r\n';
    const { status, json } = await post('/api/v1/recordings', body);
    expect(status).toBe(400);
    expect(json.error!.category).toBe('invalid_input');
    expect(json.error!.message).toBe('The upload has more than 1,000 files: too large for one request; nothing was imported.');
    expect(partial()).toEqual([]);
    await healthy();
  });

  it('answers invalid_input for a cut-off transcript upload and keeps serving', async () => {
    const { status, json } = await post('/api/v1/recordings/1/transcript', '--XX\r\nContent-Disposition: form-data; name="file"; filename="t.srt"\r\n\r\n1\n00:00');
    expect(status).toBe(400);
    expect(json.error!.category).toBe('invalid_input');
    expect(json.error!.message).toBe('The upload was cut off before it finished (Unexpected end of form); the transcript was not changed.');
    expect(app.proc.exitCode).toBeNull();
    await healthy();
  });
});
