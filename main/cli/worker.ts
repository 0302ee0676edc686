// `npm run worker -- [--steps transcribe,analyze] [--concurrency 8]`: a worker service of the team
// server (CCA_QUEUE=redis). It takes step jobs from BullMQ on CCA_REDIS_URL, fetches their input and
// audio from the API at CCA_API_URL with its worker token (CCA_WORKER_TOKEN), calls the providers and
// returns the results. It never opens the database. Steps and concurrency also come from
// CCA_WORKER_STEPS and CCA_WORKER_CONCURRENCY; all steps when none are named.
import type { AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import pkg from '../../package.json' with { type: 'json' };
import { logLevels, secretNames, settingDefs, settingKeys, type SecretName, type Settings } from '../../preload/contract/schemas/settings.js';
import { applyFileEnv } from '../config/file-env.js';
import { WorkerPool } from '../jobs/worker-pool.js';
import { redactPaths } from '../logging/logger.js';
import { flushTracing, startTracing } from '../observability/tracing.js';
import { ApiStyleMemory } from '../providers/api-style.js';
import { preloadProviderSdks } from '../providers/sdk.js';
import { PriceBook } from '../providers/prices.js';
import { computationNames, isComputation } from '../steps/computations.js';
import { providerFetch } from '../observability/provider-traffic.js';
import { ExchangeCollector } from '../team/exchange-collector.js';
import { HttpLink } from '../team/http-link.js';
import { remoteAudio } from '../team/remote-audio.js';
import type { WorkerConfig } from '../team/worker-gateway.js';
import { createWorkerMetrics, serveWorkerMetrics } from '../team/worker-metrics.js';
import { WorkerService } from '../team/worker-service.js';
import { runCli, UsageError } from './run-cli.js';

const USAGE = `Usage: npm run worker -- [--steps <${computationNames.join(',')}>] [--concurrency <n>]
Environment:
  CCA_API_URL             the team server's URL (e.g. https://qa.example.com)
  CCA_REDIS_URL           the Redis the server uses (CCA_REDIS_URL of the server)
  CCA_WORKER_TOKEN        a worker token: npm run users -- worker-token --name <worker> (on the server)
  CCA_WORKER_STEPS        steps to take, comma-separated (default: all)
  CCA_WORKER_CONCURRENCY  jobs of each step at once (default 4)
  CCA_WORKER_CACHE_DIR    where downloaded audio is kept (default: a private folder in the temp dir)
  CCA_WORKER_LOCK_SEC     how long a step of a worker that died stays locked before another worker
                          takes it over (default 30)
  CCA_WORKER_METRICS_PORT Prometheus metrics of this worker on GET /metrics at this port (default: off;
                          0 = any free port, printed on the ready line)
  CCA_WORKER_METRICS_HOST the address they listen on (default 127.0.0.1; 0.0.0.0 for a scraper elsewhere)
  OPENAI_API_KEY, ELEVENLABS_API_KEY   optional: a key here is used instead of the server's
  <NAME>_FILE             any of these read from a file instead (e.g. CCA_WORKER_TOKEN_FILE=/run/secrets/token)`;

function required(name: string, value: string | undefined, rule: RegExp, example: string): string {
  if (!value) throw new UsageError(`${name} is not set.`);
  if (!rule.test(value)) throw new UsageError(`${name} must look like ${example} (got "${value.replace(/(cca_wkr_).+/, '$1…')}").`);
  return value;
}

async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { steps: { type: 'string' }, concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) throw new UsageError('');
  // CCA_WORKER_TOKEN_FILE, CCA_REDIS_URL_FILE, …: secrets mounted as files (containers).
  applyFileEnv();
  const env = process.env;
  const stepList = (values.steps ?? env.CCA_WORKER_STEPS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = stepList.filter((s) => !isComputation(s));
  if (unknown.length) throw new UsageError(`Unknown step${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (steps: ${computationNames.join(', ')}).`);
  const steps = stepList.length ? stepList : [...computationNames];
  const concurrency = Number(values.concurrency ?? env.CCA_WORKER_CONCURRENCY ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new UsageError('--concurrency (CCA_WORKER_CONCURRENCY) must be a whole number from 1 to 256.');
  const apiUrl = required('CCA_API_URL', env.CCA_API_URL, /^https?:\/\/[^/]+/, 'https://qa.example.com');
  const redisUrl = required('CCA_REDIS_URL', env.CCA_REDIS_URL, /^rediss?:\/\//, 'redis://host:6379');
  const token = required('CCA_WORKER_TOKEN', env.CCA_WORKER_TOKEN, /^cca_wkr_[A-Za-z0-9_-]{20,}$/, 'cca_wkr_… (npm run users -- worker-token --name <worker>)');
  const lockSec = Number(env.CCA_WORKER_LOCK_SEC ?? 30);
  if (!Number.isFinite(lockSec) || lockSec < 2 || lockSec > 3600) throw new UsageError('CCA_WORKER_LOCK_SEC must be a number of seconds from 2 to 3600.');
  const metricsPort = env.CCA_WORKER_METRICS_PORT ? Number(env.CCA_WORKER_METRICS_PORT) : null;
  if (metricsPort !== null && (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535)) {
    throw new UsageError('CCA_WORKER_METRICS_PORT must be a port number from 0 to 65535 (or unset for no metrics).');
  }
  const metricsHost = env.CCA_WORKER_METRICS_HOST || '127.0.0.1';
  const level = (logLevels as readonly string[]).includes(env.CCA_LOG_LEVEL ?? '') ? env.CCA_LOG_LEVEL! : 'info';

  await startTracing(env);
  const logger = pino({ level, base: { service: 'worker', pid: process.pid }, redact: { paths: redactPaths, censor: '[redacted]' } });
  const link = new HttpLink({ apiUrl, token, logger });
  // The provider settings, keys and prices are the server's (fetched over the worker token, kept in
  // memory only, fetched again when the server says they changed); a key in this process's own
  // environment wins, for teams that keep keys off the server.
  let config: WorkerConfig = await link.config();
  const defaults = Object.fromEntries(settingKeys.map((k) => [k, settingDefs[k].default])) as Settings;
  const settings = (): Settings => ({ ...defaults, ...config.settings });
  const secret = (n: SecretName) => env[n] || config.secrets[n];
  const prices = new PriceBook({ get: () => config.prices, set: () => undefined });
  const pool = new WorkerPool();
  const exchanges = new ExchangeCollector();
  const cacheDir = env.CCA_WORKER_CACHE_DIR || join(tmpdir(), `cca-worker-audio-${userInfo().uid}`);
  // A signal, or the server refusing the token (revoked while running: exit 1, saying so).
  let stopWith: (end: { code: number; why?: string }) => void = () => undefined;
  const stopped = new Promise<{ code: number; why?: string }>((resolve) => (stopWith = resolve));
  process.once('SIGTERM', () => stopWith({ code: 0 }));
  process.once('SIGINT', () => stopWith({ code: 0 }));
  let inFlight = () => 0;
  const metrics = createWorkerMetrics(() => inFlight());
  const worker = new WorkerService({
    redisUrl, steps, concurrency, link, version: pkg.version, pool, logger,
    // BullMQ checks for stalled jobs at half the lock: a killed worker's steps move on within ~1.5 locks.
    lockDurationMs: lockSec * 1000, stalledIntervalMs: (lockSec * 1000) / 2,
    // Every provider exchange is measured here and sent with the step's result to the API's ledger.
    services: { providers: { settings, secret, prices, fetchFor: (p) => providerFetch(p, (x) => exchanges.add(x)) }, apiStyles: new ApiStyleMemory() },
    exchanges,
    audioFor: (job) => remoteAudio(() => link.audioUrl(job), cacheDir),
    beforeCompute: async () => {
      if (link.configVersion && link.configVersion !== config.version) config = await link.config();
    },
    onRefused: (e) => stopWith({ code: 1, why: `${e.message}\n${e.hint}` }),
    onStep: (step, outcome, seconds) => metrics.step(step, outcome, seconds),
  });
  inFlight = () => worker.inFlight;
  if (steps.some((s) => s === 'transcribe' || s === 'analyze')) await preloadProviderSdks();
  const metricsServer = metricsPort === null ? null : await serveWorkerMetrics(metrics, metricsPort, metricsHost);
  const metricsUrl = metricsServer ? `http://${metricsHost}:${(metricsServer.address() as AddressInfo).port}/metrics` : null;
  await worker.start();
  const keys = secretNames.filter((n) => !!secret(n));
  // The ready line (stdout): scripts and tests wait for it.
  process.stdout.write(`worker ready: id=${worker.id} steps=${steps.join(',')} concurrency=${concurrency} api=${apiUrl} keys=${keys.join(',') || 'none'}${metricsUrl ? ` metrics=${metricsUrl}` : ''}\n`);
  const ended = await stopped;
  if (ended.why) process.stderr.write(`worker stopped: ${ended.why}\n`);
  logger.info('worker stopping: running steps are handed back');
  await worker.stop();
  metricsServer?.close();
  await pool.close();
  await flushTracing();
  // Everything is handed back and flushed; idle helper threads (audio decoding) would otherwise keep the
  // process up until their idle timeout.
  process.exit(ended.code);
}

await runCli(USAGE, run);
