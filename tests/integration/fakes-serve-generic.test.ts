import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { repoRoot, startServedApp, type ServedApp } from '../helpers/serve-process.js';
import { toneWav } from '../helpers/wav.js';

/**
 * Item 12 of issue 11: `npm run fakes` ("Try it without provider keys") must take a new user's own
 * recordings, stereo and mono, with no extra setting. Starts the fakes exactly as the README says
 * (spawned `npm run fakes`, its printed `export` lines parsed) and the built server with them.
 */
let fakes: ChildProcess;
let app: ServedApp;
let fakesOut = '';

async function startFakes(): Promise<Record<string, string>> {
  // Free ports of their own, so a developer's running `npm run fakes` does not collide with the test.
  const env: NodeJS.ProcessEnv = { ...process.env, FAKE_OPENAI_PORT: '18787', FAKE_ELEVENLABS_PORT: '18788' };
  delete env.FAKE_UNKNOWN_AUDIO;
  fakes = spawn('npm', ['run', '--silent', 'fakes'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  fakes.stderr!.on('data', (d: Buffer) => (fakesOut += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fakes not ready:\n${fakesOut}`)), 60_000);
    fakes.stdout!.on('data', (d: Buffer) => {
      fakesOut += d.toString();
      if (!fakesOut.includes('Ctrl-C to stop.')) return;
      clearTimeout(timer);
      resolve(Object.fromEntries([...fakesOut.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!])));
    });
    fakes.once('exit', (code) => reject(new Error(`fakes exited ${code}:\n${fakesOut}`)));
  });
}

beforeAll(async () => {
  ensureBuilt();
  const vars = await startFakes();
  expect(Object.keys(vars).sort()).toEqual(['CCA_ELEVENLABS_BASE_URL', 'CCA_OPENAI_BASE_URL', 'ELEVENLABS_API_KEY', 'OPENAI_API_KEY']);
  app = await startServedApp({ env: vars });
}, 120_000);
afterAll(async () => {
  await app?.stop();
  if (fakes?.pid && fakes.exitCode === null) process.kill(-fakes.pid, 'SIGTERM');
});

interface Job { step: string; state: string; error: { category: string; message: string } | null }

/** Waits until the transcribe and analyze jobs of a recording are final; returns them by step. */
async function waitSteps(id: number): Promise<Record<string, Job>> {
  const deadline = Date.now() + 60_000;
  let steps: Record<string, Job> = {};
  while (Date.now() < deadline) {
    const { value } = (await (await app.api(`/api/v1/jobs?recordingId=${id}`)).json()) as { value: { jobs: Job[] } };
    steps = Object.fromEntries(value.jobs.map((j) => [j.step, j]));
    const final = (s?: Job): boolean => !!s && ['done', 'failed', 'cancelled'].includes(s.state);
    if (final(steps.transcribe) && (final(steps.analyze) || steps.transcribe!.state !== 'done')) return steps;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`recording ${id} not finished: ${JSON.stringify(steps)}`);
}

describe('npm run fakes with the user\'s own audio', () => {
  it('transcribes and analyses a non-fixture stereo WAV and a mono WAV', async () => {
    const form = new FormData();
    form.append('files', new Blob([toneWav({ channels: 2, seconds: 8, seed: Date.now() % 97 })]), 'own-stereo.wav');
    form.append('files', new Blob([toneWav({ channels: 1, seconds: 7, seed: (Date.now() % 89) + 3 })]), 'own-mono.wav');
    const up = (await (await app.api('/api/v1/recordings', { method: 'POST', body: form })).json()) as {
      ok: boolean; value: { results: { ok: boolean; recordingId?: number; error?: unknown }[] };
    };
    expect(up.ok, JSON.stringify(up)).toBe(true);
    expect(up.value.results.map((r) => r.ok)).toEqual([true, true]);
    for (const r of up.value.results) {
      const steps = await waitSteps(r.recordingId!);
      expect({ transcribe: steps.transcribe?.state, analyze: steps.analyze?.state }, JSON.stringify(steps)).toEqual({ transcribe: 'done', analyze: 'done' });
      const analysis = (await (await app.api(`/api/v1/recordings/${r.recordingId}/analysis`)).json()) as { ok: boolean; value: unknown };
      expect(analysis.ok).toBe(true);
      expect(analysis.value).toBeTruthy();
    }
    // Issue 11 item 10: one status everywhere. Once every step is done, the recordings list, the
    // recording detail and the Calls list all say "done" (the list used to say "imported").
    const ids = up.value.results.map((r) => r.recordingId!);
    for (const id of ids) {
      for (let i = 0; i < 100; i++) {
        const { value } = (await (await app.api(`/api/v1/jobs?recordingId=${id}`)).json()) as { value: { jobs: Job[] } };
        if (value.jobs.length && value.jobs.every((j) => j.state === 'done')) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const detail = (await (await app.api(`/api/v1/recordings/${id}`)).json()) as { value: { status: string } };
      expect(detail.value.status).toBe('done');
    }
    const list = (await (await app.api('/api/v1/recordings')).json()) as { value: { items?: { id: number; status: string }[]; recordings?: { id: number; status: string }[] } };
    const rows = (list.value.items ?? list.value.recordings ?? []).filter((r) => ids.includes(r.id));
    expect(rows.map((r) => r.status)).toEqual(['done', 'done']);
    const done = (await (await app.api('/api/v1/recordings?status=done')).json()) as { value: { total: number } };
    expect(done.value.total).toBe(2);
  });
});
