/**
 * Manual look at the Queue view (browser mode) with a batch in every interesting state: run
 * `npx tsx tests/helpers/queue-demo.ts <rendererDir>`; prints the URL. Demo runners stand in for the
 * real providers: some transcriptions succeed, one is rate-limited, one is rejected (401), one runs
 * slowly with progress; analysis waits for the OpenAI key like on a fresh install.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../main/config/load-config.js';
import { buildCore } from '../../main/core.js';
import { AppError } from '../../main/errors.js';
import { startServer } from '../../main/server/start-server.js';
import { insertRecordings } from './queue-harness.js';

process.env.CCA_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'cca-queue-demo-'));
process.env.CCA_LOG_LEVEL ??= 'warn';
const core = await buildCore({ config: loadConfig(), mode: 'browser' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
core.queue.registerStep('probe', { placement: () => ({ provider: 'local', lane: 'local:probe', concurrency: 2 }), run: async () => (await sleep(150), { kind: 'done' }) });
core.queue.registerStep('metrics', { placement: () => ({ provider: 'local', lane: 'local:metrics', concurrency: 2 }), run: async () => ({ kind: 'done' }) });
core.queue.registerStep('transcribe', {
  placement: () => ({ provider: 'elevenlabs', lane: 'elevenlabs:transcribe', concurrency: 4 }),
  async run(ctx) {
    const k = ctx.job.recordingId % 7;
    if (k === 3) throw new AppError('auth', 'ElevenLabs rejected the API key (401).', 'Check ELEVENLABS_API_KEY in Settings → API keys.', { details: { status: 401 } });
    if (k === 4) throw new AppError('rate_limit', 'ElevenLabs asked us to slow down (429).', 'Nothing to do: the step retries by itself.', { details: { status: 429, retryAfterSec: 90 } });
    const ms = k === 5 ? 600_000 : 400;
    for (let t = 0; t < ms; t += 200) {
      ctx.progress(t / ms);
      await sleep(200);
      if (ctx.signal.aborted) throw new Error('aborted');
    }
    return { kind: 'done' };
  },
});
for (const id of insertRecordings(core.db, 14, (i) => ({ sha256: `demo-${i}` }))) core.queue.service.enqueue(id);
core.db.sqlite.prepare(`UPDATE recordings SET file_name = '2024-05-0' || (id % 9 + 1) || '_agent' || (id % 4 + 1) || '_call' || (4400 + id) || '.wav'`).run();
const server = await startServer(core, { port: 0, staticDir: process.argv[2] ?? null });
process.stdout.write(`${server.url}\n`);
