// `<image> healthcheck` (the Containerfile's HEALTHCHECK) and `node dist/cli/healthcheck.mjs` on a
// server: is the API of this data folder answering, and healthy? It asks GET /api/v1/health on the
// loopback address with the launch token the server wrote to <dataDir>/api-token (the one local owner),
// so it needs no account. In a worker's container (CCA_WORKER_TOKEN is set) it asks the worker's own
// /metrics instead (CCA_WORKER_METRICS_PORT): the process is up and its event loop answers.
// Exit 0 when it answers; 1 otherwise, saying why.
import { applyFileEnv } from '../config/file-env.js';
import { ConfigError } from '../config/config-error.js';
import { loadConfig } from '../config/load-config.js';
import { askLocalServer } from './local-server.js';
import { runCli } from './run-cli.js';

const USAGE = 'usage: healthcheck   (reads CCA_DATA_DIR, CCA_PORT and CCA_TLS_CERT like the server; a worker: CCA_WORKER_METRICS_PORT)';

async function checkWorker(): Promise<void> {
  const port = Number(process.env.CCA_WORKER_METRICS_PORT ?? '');
  if (!Number.isInteger(port) || port <= 0) throw new Error('a worker answers health checks on CCA_WORKER_METRICS_PORT: give it a fixed port (compose.yaml uses 9464)');
  const url = `http://127.0.0.1:${port}/metrics`;
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (res.status !== 200 || !(await res.text()).includes('cca_worker_in_flight')) throw new Error(`the worker's metrics answered ${res.status}`);
  process.stdout.write(`healthy: ${url}\n`);
}

async function run(): Promise<void> {
  applyFileEnv();
  if (process.env.CCA_WORKER_TOKEN) return checkWorker();
  const { settings, paths } = loadConfig();
  const { url, status, body } = await askLocalServer(settings, paths.tokenFile, '/api/v1/health');
  const health = (JSON.parse(body) as { value?: { status?: string } }).value;
  if (status !== 200 || !health?.status) throw new Error(`the server answered ${status}: ${body.slice(0, 300)}`);
  // "degraded" (a provider down, say) is still a server that answers: restarting it would not help.
  process.stdout.write(`${health.status === 'ok' ? 'healthy' : health.status}: ${url}\n`);
}

await runCli(USAGE, async () => {
  try {
    await run();
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    process.stderr.write(`unhealthy: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
});
