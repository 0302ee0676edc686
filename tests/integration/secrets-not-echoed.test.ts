import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';
import { toneWav } from '../helpers/wav.js';

/**
 * Issue 11 item 5 against a real server: a provider whose error message echoes the API key (in full,
 * and as a Bearer header) must not put the key in the job error (GET /jobs), the log file or the
 * database files. The misbehaving provider is a few lines of node:http that answers every request
 * with an OpenAI-shaped 400 quoting the Authorization header it received.
 */
const KEY = 'sk-proj-Zq8mYt3Lw0Vx9Rb2Nc7Kd4Hf6Jg1Ps5aTe';
let provider: Server;
let app: ServedApp;
const dataDir = mkdtempSync(join(tmpdir(), 'cca-secrets-'));

beforeAll(async () => {
  ensureBuilt();
  provider = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const auth = req.headers.authorization ?? '';
      const key = auth.replace(/^Bearer /, '');
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `Invalid audio for key ${key} (sent as "Authorization: ${auth}").`, type: 'invalid_request_error', param: 'file', code: 'invalid_value' } }));
    });
  });
  await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/v1`;
  app = await startServedApp({ dataDir, env: { CCA_TRANSCRIPTION_PROVIDER: 'openai', CCA_OPENAI_BASE_URL: url, OPENAI_API_KEY: KEY } });
}, 60_000);
afterAll(async () => {
  await app?.stop();
  provider?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('a provider error that echoes the API key', () => {
  it('is stored, returned and logged with the key redacted', async () => {
    const form = new FormData();
    form.append('files', new Blob([toneWav({ channels: 1, seconds: 2 })]), 'echo.wav');
    const up = (await (await app.api('/api/v1/recordings', { method: 'POST', body: form })).json()) as { value: { results: { recordingId: number }[] } };
    const id = up.value.results[0]!.recordingId;

    let jobsText = '';
    let transcribe: { state: string; error: { message: string } | null } | undefined;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      jobsText = await (await app.api(`/api/v1/jobs?recordingId=${id}`)).text();
      transcribe = (JSON.parse(jobsText) as { value: { jobs: { step: string; state: string; error: { message: string } | null }[] } }).value.jobs.find((j) => j.step === 'transcribe');
      if (transcribe?.error) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    // The provider's message reached the reviewer, minus the key.
    expect(transcribe?.error?.message, jobsText).toContain('Invalid audio for key [redacted]');
    expect(jobsText).not.toContain(KEY);
    expect(jobsText).not.toContain(KEY.slice(8));

    await app.stop();
    const files = filesUnder(app.dataDir).filter((f) => /\.(sqlite|sqlite-wal|sqlite-shm|log|json)$|\.log\.\d+$/.test(f) || f.includes('/logs/'));
    expect(files.some((f) => f.endsWith('cca.sqlite'))).toBe(true);
    expect(files.some((f) => f.includes('/logs/'))).toBe(true);
    const logText = files.filter((f) => f.includes('/logs/')).map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(logText, 'the log recorded the failure').toMatch(/Invalid audio for key \[redacted\]/);
    for (const f of files) expect(readFileSync(f).includes(Buffer.from(KEY.slice(8))), `${f} holds the key`).toBe(false);
  });
});
