import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rendererCsp } from '../../../main/server/csp.js';
import { APP_START_URL, installAppProtocol, registerAppScheme, resolveAppFile, serveAppRequest } from '../../../main/electron/app-protocol.js';
import { makeFakeSession, protocol } from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

let root: string;
let outside: string;
beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'cca-app-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Call Center QA</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  outside = join(base, 'secret.txt');
  writeFileSync(outside, 'do not serve');
});
afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serveAppRequest(root, new Request(url, { method }));

describe('app:// protocol', () => {
  it('registers app as a standard, secure, fetch-capable scheme', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }),
    ]);
  });

  it('installs the handler on the given session', async () => {
    const ses = makeFakeSession();
    installAppProtocol(ses as unknown as import('electron').Session, root);
    const [scheme, handler] = ses.protocol.handle.mock.calls[0]! as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    expect((await handler(new Request(APP_START_URL))).status).toBe(200);
  });

  it('serves the bundle with the renderer CSP and the right content types', async () => {
    const page = await get(APP_START_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(rendererCsp);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Call Center QA');
    const script = await get('app://bundle/assets/index-abc.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('puts the CSP on errors too', async () => {
    const missing = await get('app://bundle/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(rendererCsp);
    expect((await get(APP_START_URL, 'POST')).status).toBe(405);
  });

  it('serves the app shell for client-side routes (no extension)', async () => {
    const route = await get('app://bundle/calls/42');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>');
  });

  it.each([
    'app://bundle/%2e%2e/secret.txt',
    'app://bundle/..%2fsecret.txt',
    'app://bundle/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://bundle/%2e%2e%5csecret.txt',
    'app://bundle/%00index.html',
    'app://bundle/%E0%A4%A',
    'app://other/index.html',
    'https://bundle/index.html',
  ])('never resolves %s outside the bundle', async (url) => {
    const file = resolveAppFile(root, url);
    expect(file === null || file.startsWith(root)).toBe(true);
    const res = await get(url).catch(() => null);
    if (res) expect(await res.text()).not.toContain('do not serve');
  });

  it('maps / to index.html', () => {
    expect(resolveAppFile(root, 'app://bundle/')).toBe(join(root, 'index.html'));
  });
});
