// `<image> healthcheck` (the Containerfile's HEALTHCHECK) and `node dist/cli/healthcheck.mjs` on a
// server: is the API of this data folder answering, and healthy? It asks GET /api/v1/health on the
// loopback address with the launch token the server wrote to <dataDir>/api-token (the one local owner),
// so it needs no account. Exit 0 when the server answers with its health; 1 otherwise, saying why.
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { applyFileEnv } from '../config/file-env.js';
import { loadConfig } from '../config/load-config.js';
import { runCli } from './run-cli.js';

const USAGE = 'usage: healthcheck   (reads CCA_DATA_DIR, CCA_PORT and CCA_TLS_CERT like the server)';

/** GET over HTTPS to the server's own loopback address: its certificate names the public host, not 127.0.0.1. */
function getTls(url: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Authorization: `Bearer ${token}` }, rejectUnauthorized: false, timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer in 5 s')));
    req.on('error', reject);
    req.end();
  });
}

async function run(): Promise<void> {
  applyFileEnv();
  const { settings, paths } = loadConfig();
  if (settings.port === 0) throw new Error('CCA_PORT is 0 (any free port): give the server a fixed port to check it (the image uses 8080)');
  let token: string;
  try {
    token = readFileSync(paths.tokenFile, 'utf8').trim();
  } catch {
    throw new Error(`no launch token at ${paths.tokenFile}: the server is not running on this data folder (yet)`);
  }
  const url = `${settings.tlsCert ? 'https' : 'http'}://127.0.0.1:${settings.port}/api/v1/health`;
  const { status, body } = settings.tlsCert
    ? await getTls(url, token)
    : await fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5_000) }).then(async (r) => ({ status: r.status, body: await r.text() }));
  const health = (JSON.parse(body) as { value?: { status?: string } }).value;
  if (status !== 200 || !health?.status) throw new Error(`the server answered ${status}: ${body.slice(0, 300)}`);
  // "degraded" (a provider down, say) is still a server that answers: restarting it would not help.
  process.stdout.write(`${health.status === 'ok' ? 'healthy' : health.status}: ${url}\n`);
}

await runCli(USAGE, async () => {
  try {
    await run();
  } catch (e) {
    if (e instanceof Error && e.name === 'ConfigError') throw e;
    process.stderr.write(`unhealthy: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
});
