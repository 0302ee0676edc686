import { compileErrors, validate } from '@readme/openapi-parser';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../preload/contract/index.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';
import { ensureBuilt } from '../helpers/ensure-built.js';

let app: ServedApp;

beforeAll(async () => {
  ensureBuilt();
  app = await startServedApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('browser mode', () => {
  it('prints exactly one ready line with the URL and writes the token 0600', () => {
    const lines = app.stdout().split('\n').filter((l) => l.includes('http://127.0.0.1:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`http://127.0.0.1:${app.port}/#token=${app.token}`);
    const tokenFile = join(app.dataDir, 'api-token');
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(app.token);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
  });

  it('answers 401 without a token and with a wrong token', async () => {
    const none = await fetch(`${app.origin}/api/v1/health`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ ok: false, error: { category: 'auth' } });
    const wrong = await fetch(`${app.origin}/api/v1/health`, { headers: { Authorization: `Bearer ${app.token.slice(0, -1)}x` } });
    expect(wrong.status).toBe(401);
  });

  it('rejects a foreign Host header (DNS rebinding) even with the right token', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: app.port, path: '/api/v1/health', headers: { Host: `evil.example:${app.port}`, Authorization: `Bearer ${app.token}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(status).toBe(403);
  });

  it('sends no CORS headers, even to a cross-origin preflight', async () => {
    const res = await fetch(`${app.origin}/api/v1/health`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.status).toBeGreaterThanOrEqual(400);
  });

  it('reports health: version, schema version, data dir', async () => {
    const body = (await (await app.api('/api/v1/health')).json()) as { ok: true; value: Record<string, unknown> };
    expect(body.ok).toBe(true);
    expect(body.value).toMatchObject({ status: 'ok', mode: 'browser', dataDir: app.dataDir, appVersion: '0.1.0' });
    expect(body.value.schemaVersion).toBeGreaterThanOrEqual(2);
    expect(body.value.queue).toBeTypeOf('object');
  });

  it('serves a valid OpenAPI 3.1 document listing every contract operation with examples', async () => {
    const doc = (await (await app.api('/api/v1/openapi.json')).json()) as Record<string, any>;
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as Parameters<typeof validate>[0]);
    expect(result.valid ? 'valid' : compileErrors(result)).toBe('valid');
    for (const [name, def] of Object.entries(operations)) {
      const op = doc.paths[def.path]?.[def.method.toLowerCase()];
      expect(op, `${name} at ${def.method} ${def.path}`).toBeTruthy();
      expect(op.operationId).toBe(name);
      expect(op.responses['200'].content['application/json'].example).toEqual({ ok: true, value: def.example.output });
      if (op.requestBody) expect(op.requestBody.content['application/json'].example).toBeTypeOf('object');
    }
  });

  it('validates input and maps categories to HTTP statuses', async () => {
    const bad = await app.api('/api/v1/settings', { method: 'PATCH', body: JSON.stringify({ maxAttempts: 0 }), headers: { 'Content-Type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { category: 'invalid_input' } });
    const notJson = await app.api('/api/v1/settings', { method: 'PATCH', body: '{oops' });
    expect(notJson.status).toBe(400);
    const unknown = await app.api('/api/v1/nothing-here');
    expect(unknown.status).toBe(404);
  });

  it('updates settings, persists them to config.json, and streams settings.changed over SSE', async () => {
    const ctrl = new AbortController();
    const events = await app.api('/api/v1/events', { signal: ctrl.signal });
    expect(events.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = events.body!.getReader();

    const res = await app.api('/api/v1/settings', { method: 'PATCH', body: JSON.stringify({ maxAttempts: 3 }) });
    expect(((await res.json()) as { value: { values: { maxAttempts: number } } }).value.values.maxAttempts).toBe(3);
    expect(JSON.parse(readFileSync(join(app.dataDir, 'config.json'), 'utf8'))).toEqual({ maxAttempts: 3 });

    let text = '';
    while (!text.includes('event: settings.changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    ctrl.abort();
    expect(text).toContain('event: settings.changed');
    expect(text).toMatch(/"maxAttempts":3/);
  });

  it('never returns a stored API key', async () => {
    await app.api('/api/v1/settings/secrets/OPENAI_API_KEY', { method: 'PUT', body: JSON.stringify({ value: 'sk-never-show-me' }) });
    const text = await (await app.api('/api/v1/settings')).text();
    expect(text).not.toContain('sk-never-show-me');
    expect(text).toContain('"name":"OPENAI_API_KEY","configured":true,"source":"store"');
    expect(statSync(join(app.dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('serves the renderer with a strict CSP', async () => {
    const res = await fetch(`${app.origin}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'; script-src 'self'/);
  });
});

describe('browser mode bundle', () => {
  it('keeps the provider SDKs and exceljs out of the start-up path (loaded with import() on first use)', () => {
    const bundle = readFileSync(join(import.meta.dirname, '../../dist/server/serve.mjs'), 'utf8');
    expect(bundle).toMatch(/import\("openai"\)|import\('openai'\)/);
    expect(bundle).not.toMatch(/class ElevenLabsClient\b/);
    expect(bundle).not.toMatch(/node_modules\/openai\/client/);
    expect(bundle).not.toMatch(/node_modules\/exceljs\//);
  });
});

describe('browser mode lifecycle', () => {
  it('stops cleanly on SIGINT and removes the token file', async () => {
    const own = await startServedApp();
    const tokenFile = join(own.dataDir, 'api-token');
    statSync(tokenFile);
    const code = await new Promise<number | null>((resolve) => {
      own.proc.once('exit', resolve);
      own.proc.kill('SIGINT');
    });
    expect(code).toBe(0);
    expect(() => statSync(tokenFile)).toThrow();
  });

  it('refuses a bad setting with exit code 78 and a message naming it', async () => {
    const err = await startServedApp({ env: { CCA_PORT: 'eighty' }, timeoutMs: 10_000 }).catch((e: Error) => e);
    expect(String(err)).toMatch(/exited with 78/);
    expect(String(err)).toMatch(/Invalid setting CCA_PORT \(port\): value "eighty" is not a valid number/);
  });
});
