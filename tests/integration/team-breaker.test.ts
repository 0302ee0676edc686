import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueSummary } from '../../preload/contract/schemas/queue.js';
import type { FakeElevenLabs } from '../fakes/index.js';
import { generateCalls } from '../helpers/fixtures.js';
import { startServedApp, type ServedApp } from '../helpers/serve-process.js';
import { apiValue, startTeamRig, type TeamRig } from '../helpers/team-server.js';
import { variantCalls } from '../helpers/variant-calls.js';
import { mintWorkerToken, startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';

/**
 * Issue 32: the provider's circuit breaker holds across workers. Three worker processes transcribe;
 * ElevenLabs goes down for 15 s: once the API's breaker has opened, only its probes reach the provider
 * — the workers do not each hammer it — and the batch finishes after it comes back.
 */
const OUTAGE_MS = 15_000;
const HALF_OPEN_MS = 15_000; // the breaker's default half-open delay
const calls = generateCalls({ formats: ['wav'] });
const { files, registry } = variantCalls(calls, 40);
let rig: TeamRig;
let eleven: FakeElevenLabs;
let app: ServedApp;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  rig = await startTeamRig({ registry });
  eleven = rig.eleven;
  await eleven.setFaults({ latencyMs: 300 });
  const dataDir = mkdtempSync(join(tmpdir(), 'cca-team-breaker-'));
  const tokens = [0, 1, 2].map((i) => mintWorkerToken(dataDir, `w${i}`));
  app = await startServedApp({
    dataDir,
    env: rig.apiEnv({ CCA_MAX_ATTEMPTS: '20', CCA_TRANSCRIBE_CONCURRENCY: '12' }),
  });
  for (const token of tokens) {
    workers.push(await startWorkerProcess({ CCA_API_URL: app.origin, CCA_REDIS_URL: rig.redis.url, CCA_WORKER_TOKEN: token, CCA_WORKER_CONCURRENCY: '4' }));
  }
});
afterAll(() => rig?.close({ workers, app }));

const summary = async () => apiValue<QueueSummary>(await app.api('/api/v1/queue'));

describe('the breaker across workers', () => {
  it('a 15 s provider outage with 3 workers: only probes reach the provider while the circuit is open', async () => {
    await app.api('/api/v1/recordings/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paths: files }) });
    // Let transcription get going, then take the provider down.
    const t0 = Date.now();
    while (eleven.requests.filter((r) => r.endpoint === 'POST /v1/speech-to-text').length < 5) {
      if (Date.now() - t0 > 60_000) throw new Error('transcription never started');
      await new Promise((r) => setTimeout(r, 50));
    }
    await eleven.setFaults({ outage: true });
    const outageStart = Date.now();
    let openedAt: number | null = null;
    while (Date.now() - outageStart < OUTAGE_MS) {
      const p = (await summary()).providers.find((x) => x.id === 'elevenlabs');
      if (openedAt === null && p && p.circuit !== 'closed') openedAt = Date.now();
      await new Promise((r) => setTimeout(r, 100));
    }
    await eleven.setFaults({ outage: false });
    const outageEnd = Date.now();
    expect(openedAt, 'the circuit opened during the outage').not.toBeNull();
    // After it opened, only probes: one per half-open delay. An attempt a worker had started (input and
    // audio fetched) before it opened may still reach the provider a moment later: 3 s of grace for
    // those. One still waiting in Redis is called back when a worker takes it, whenever that is.
    const duringOpen = eleven.requests.filter((r) => r.endpoint === 'POST /v1/speech-to-text' && r.at > openedAt! + 3_000 && r.at < outageEnd);
    const maxProbes = Math.ceil((outageEnd - openedAt!) / HALF_OPEN_MS) + 1;
    expect(duringOpen.length).toBeLessThanOrEqual(maxProbes);

    // Back up: the probe closes the circuit and every recording finishes.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const s = await summary();
      if ((s.counts.done ?? 0) === files.length * 6) break;
      if (Date.now() > deadline) throw new Error(`not finished: ${JSON.stringify(s.counts)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect((await summary()).providers.find((x) => x.id === 'elevenlabs')?.circuit).toBe('closed');
  }, 240_000);
});
