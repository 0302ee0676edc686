import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../main/config/load-config.js';
import { buildCore, type Core } from '../../main/core.js';
import type { DesktopHost } from '../../main/host.js';
import { seedCalls } from '../helpers/seed-calls.js';

/** The desktop save dialog path of exports (exports.saveAs), with the OS dialog replaced by a stub. */
const cores: { core: Core; dir: string }[] = [];
async function core(host?: DesktopHost): Promise<Core> {
  const dir = mkdtempSync(join(tmpdir(), 'cca-saveas-'));
  const c = await buildCore({ config: loadConfig({ CCA_DATA_DIR: dir, CCA_PROFILE: 'test' }), mode: host ? 'electron' : 'browser', logger: pino({ level: 'silent' }), host });
  await c.queue.stop();
  seedCalls(c.db, { count: 3, seed: 5 });
  cores.push({ core: c, dir });
  return c;
}
afterEach(async () => {
  for (const { core: c, dir } of cores.splice(0)) {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('exports.saveAs (desktop save dialog)', () => {
  it('suggests the export file name and writes the file where the user chose', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cca-saveas-out-'));
    const suggested: string[] = [];
    const c = await core({ chooseSavePath: async (name) => (suggested.push(name), join(out, 'my-calls.csv')) });
    const r = await c.registry.invoke('exports.saveAs', { path: '/api/v1/exports/calls.csv' });
    expect(r).toMatchObject({ ok: true, value: { saved: true, destination: join(out, 'my-calls.csv'), redacted: true } });
    expect(suggested[0]).toMatch(/\.csv$/);
    const csv = readFileSync(join(out, 'my-calls.csv'), 'utf8');
    expect(csv.trim().split('\n').length).toBe(4); // header + 3 calls
    expect(existsSync(join(out, 'my-calls.csv.partial'))).toBe(false);
  });

  it('writes nothing and audits nothing when the dialog is cancelled', async () => {
    const c = await core({ chooseSavePath: async () => null });
    const r = await c.registry.invoke('exports.saveAs', { path: '/api/v1/exports/calls.csv?redact=false' });
    expect(r).toMatchObject({ ok: true, value: { saved: false, destination: null, bytes: 0 } });
    expect(c.db.sqlite.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'export_unredacted'`).get()).toEqual({ n: 0 });
  });

  it('in browser mode says the browser downloads instead', async () => {
    const c = await core();
    const r = await c.registry.invoke('exports.saveAs', { path: '/api/v1/exports/calls.csv' });
    expect(r).toMatchObject({ ok: false, error: { category: 'invalid_input', message: 'The save dialog is part of the desktop app.' } });
  });
});
