import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';

// Hostile paths and bodies against the real server (issue 11, items 7 and 11): every answer is a
// specific invalid_input error in the envelope, never a 500 or a silently coerced id.

let app: ServedApp;
beforeAll(async () => {
  ensureBuilt();
  app = await startServedApp();
}, 120_000);
afterAll(async () => {
  await app.stop();
});

type Envelope = { ok: boolean; error?: { category: string; message: string; hint: string } };
const call = async (path: string, init: RequestInit = {}) => {
  const res = await app.api(path, init);
  return { status: res.status, body: (await res.json()) as Envelope };
};

describe('path params', () => {
  it('a malformed percent-escape is 400 invalid_input in the envelope, not an empty 500', async () => {
    const { status, body } = await call('/api/v1/recordings/%ZZ');
    expect(status).toBe(400);
    expect(body.ok).toBe(false);
    expect(body.error!.category).toBe('invalid_input');
    expect(body.error!.message).toBe('The path segment "%ZZ" (id) has a malformed percent-escape.');
    expect(body.error!.hint).toMatch(/encodeURIComponent/);
  });

  it.each(['1e0', '-1', '01', '0', '0x1', '1.0', '%201'])('id "%s" is refused, not coerced', async (id) => {
    for (const path of [`/api/v1/recordings/${id}`, `/api/v1/recordings/${id}/analysis`, `/api/v1/recordings/${id}/audio`]) {
      const { status, body } = await call(path);
      expect(status, path).toBe(400);
      expect(body.error!.category).toBe('invalid_input');
      expect(body.error!.message).toMatch(/id:? must be a positive integer like 42/);
    }
  });

  it('a plain id still reaches the operation (404 for one that does not exist)', async () => {
    const { status, body } = await call('/api/v1/recordings/42');
    expect(status).toBe(404);
    expect(body.error!.category).toBe('not_found');
  });
});

describe('unknown body keys', () => {
  it('POST /recordings/{id}/analyze with "rubric" names the key and the known ones', async () => {
    const { status, body } = await call('/api/v1/recordings/1/analyze', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rubric: 1 }) });
    expect(status).toBe(400);
    expect(body.error!.category).toBe('invalid_input');
    expect(body.error!.message).toBe('Invalid input for analysis.run: unknown field "rubric" (known fields: id, rubricId)');
  });
});

describe('body limits', () => {
  it('a JSON body over 1 MB is refused with invalid_input naming the limit', async () => {
    const { status, body } = await call('/api/v1/recordings/1/analyze', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(1_100_000) }) });
    expect(status).toBe(400);
    expect(body.error!.message).toBe('The request body is larger than 1 MB.');
    expect((await app.api('/api/v1/health')).status).toBe(200);
  });
});

describe('server limits', () => {
  it('headers over 16 KB are refused by Node (431) and the server keeps answering', async () => {
    const res = await fetch(`${app.origin}/api/v1/health`, { headers: { Authorization: `Bearer ${app.token}`, 'X-Pad': 'x'.repeat(20_000) } });
    expect(res.status).toBe(431);
    expect((await app.api('/api/v1/health')).status).toBe(200);
  });
});
