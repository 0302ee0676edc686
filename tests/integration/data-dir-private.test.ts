import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';

// Issue 11 item 6: the data folder (call audio, transcripts with PII, keys, the token) is private to
// its owner: 0700 folders and 0600 files, including what an earlier version left world-readable.
const mode = (p: string) => statSync(p).mode & 0o777;

describe('data folder permissions', () => {
  let app: ServedApp | undefined;
  const dirs: string[] = [];
  beforeAll(() => ensureBuilt());
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('creates the data folder 0700 and its files 0600', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'cca-perm-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');
    app = await startServedApp({ dataDir });
    await app.api('/api/v1/health');
    expect(mode(dataDir)).toBe(0o700);
    for (const name of ['cca.sqlite', 'api-token']) expect(mode(join(dataDir, name)), name).toBe(0o600);
    for (const name of ['cca.sqlite-wal', 'cca.sqlite-shm']) if (existsSync(join(dataDir, name))) expect(mode(join(dataDir, name)), name).toBe(0o600);
    expect(mode(join(dataDir, 'logs'))).toBe(0o700);
    for (const f of readdirSync(join(dataDir, 'logs'))) expect(mode(join(dataDir, 'logs', f)), f).toBe(0o600);
  });

  it('tightens a world-readable folder left by an earlier version and says so in the log', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cca-perm-old-'));
    dirs.push(dataDir);
    chmodSync(dataDir, 0o755);
    mkdirSync(join(dataDir, 'library'), { mode: 0o755 });
    writeFileSync(join(dataDir, 'library', 'abc.wav'), 'RIFF');
    chmodSync(join(dataDir, 'library'), 0o755);
    chmodSync(join(dataDir, 'library', 'abc.wav'), 0o644);
    writeFileSync(join(dataDir, 'config.json'), '{}');
    chmodSync(join(dataDir, 'config.json'), 0o644);
    app = await startServedApp({ dataDir });
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'library'))).toBe(0o700);
    expect(mode(join(dataDir, 'library', 'abc.wav'))).toBe(0o600);
    expect(mode(join(dataDir, 'config.json'))).toBe(0o600);
    expect((await app.api('/api/v1/health')).status).toBe(200);
    await app.stop();
    app = undefined;
    const logs = readdirSync(join(dataDir, 'logs')).map((f) => readFileSync(join(dataDir, 'logs', f), 'utf8')).join('');
    const line = logs.split('\n').find((l) => l.includes('made it private'));
    expect(line, 'a log line about tightening').toBeDefined();
    expect(JSON.parse(line!).tightened).toBe(4);
  });

  it('stops cleanly on SIGHUP (closing the terminal): exit 0, token removed', async () => {
    const own = await startServedApp();
    const tokenFile = join(own.dataDir, 'api-token');
    expect(existsSync(tokenFile)).toBe(true);
    const dataDir = own.dataDir;
    const code = await new Promise<number | null>((resolve) => {
      own.proc.once('exit', (c) => resolve(c));
      own.proc.kill('SIGHUP');
    });
    expect(code).toBe(0);
    expect(existsSync(tokenFile)).toBe(false);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
