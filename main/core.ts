import { join } from 'node:path';
import type { Logger } from 'pino';
import pkg from '../package.json' with { type: 'json' };
import { AppSettingsDao } from '../db/dao/app-settings-dao.js';
import { AuditDao } from '../db/dao/audit-dao.js';
import { openDatabase, type AppDatabase } from '../db/open.js';
import type { Health } from '../preload/contract/operations/system.js';
import type { Config } from './config/load-config.js';
import { createRegistry, type HandlerMap, type Registry } from './contract/registry.js';
import { systemHandlers } from './domains/system/handlers.js';
import { exportHandlers } from './domains/exports/handlers.js';
import { queueHandlers } from './domains/queue/handlers.js';
import { reviewHandlers } from './domains/reviews/handlers.js';
import { mediaHandlers } from './domains/media/handlers.js';
import { dashboardHandlers } from './domains/dashboard/handlers.js';
import { watchBatches } from './jobs/batch-watcher.js';
import { createQueue, type Queue } from './jobs/index.js';
import { recordingHandlers } from './domains/recordings/handlers.js';
import { callHandlers } from './domains/calls/handlers.js';
import { indexStepRunner } from './domains/calls/index-step.js';
import { providerHandlers, registerProviders } from './domains/analysis/register.js';
import { localAnalyticsHandlers } from './domains/local-analytics/handlers.js';
import { registerLocalAnalytics } from './domains/local-analytics/register.js';
import { EventBus } from './events/event-bus.js';
import { createLogger } from './logging/logger.js';
import { FileSecretStore } from './secrets/file-secret-store.js';
import type { SecretStore } from './secrets/secret-store.js';
import type { DesktopHost } from './host.js';
import { SettingsService } from './settings/settings-service.js';

export interface CoreOptions {
  config: Config;
  mode: 'electron' | 'browser';
  /** Desktop passes Electron safeStorage; default is a 0600 file in the data dir. */
  secrets?: SecretStore;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Desktop-only abilities (save dialog); absent in browser mode. */
  host?: DesktopHost;
}

/** Providers of health facts that later subsystems (queue, providers) plug into. */
export interface HealthSources {
  queueCounts(): Health['queue'];
  providers(): Health['providers'];
}

/**
 * Everything the app is, without a transport: config, logger, database (migrated), domain services
 * and the contract registry. Both entries (Electron main, browser-mode server) build exactly this.
 */
export interface Core {
  appVersion: string;
  mode: 'electron' | 'browser';
  /** Desktop-only abilities; null in browser mode. */
  host: DesktopHost | null;
  startedAt: number;
  config: Config;
  logger: Logger;
  db: AppDatabase;
  bus: EventBus;
  settings: SettingsService;
  daos: { appSettings: AppSettingsDao; audit: AuditDao };
  health: HealthSources;
  registry: Registry;
  /** The persistent job queue; later features plug step runners in with `core.queue.registerStep`. */
  queue: Queue;
  close(): Promise<void>;
}

export async function buildCore(opts: CoreOptions): Promise<Core> {
  const startedAt = performance.now();
  const { config } = opts;
  const logger = opts.logger ?? (await createLogger(config));
  const db = await openDatabase({
    file: config.paths.dbFile,
    busyTimeoutMs: config.settings.dbBusyTimeoutMs,
    readConnections: config.settings.dbReadConnections,
    slowQueryMs: config.settings.dbSlowQueryMs,
    logger,
  });
  const bus = new EventBus(logger);
  const daos = { appSettings: new AppSettingsDao(db), audit: new AuditDao(db) };
  const secrets: SecretStore = opts.secrets ?? new FileSecretStore(join(config.paths.dataDir, 'secrets.json'));
  if (secrets.warning) logger.warn(secrets.warning);
  const settings = new SettingsService(config, secrets, bus, daos.audit, logger, opts.env);

  const queue = createQueue({ db, logger, bus, settings: () => config.settings, secret: (n) => settings.secret(n) });

  const core = {
    appVersion: pkg.version,
    mode: opts.mode,
    host: opts.host ?? null,
    startedAt,
    config,
    logger,
    db,
    bus,
    settings,
    daos,
    health: {
      queueCounts: () => queue.service.query.counts(),
      providers: () => queue.service.summary().providers.map(({ id, configured, circuit, lastError }) => ({ id, configured, circuit, lastError })),
    } as HealthSources,
    queue,
    registry: undefined as unknown as Registry,
    async close() {
      await queue.stop();
      db.close();
      await new Promise<void>((resolve) => logger.flush(() => resolve()));
    },
  } satisfies Core;

  // Each domain contributes its slice of handlers; the type demands every contract operation.
  const handlers: HandlerMap = { ...systemHandlers(core), ...recordingHandlers(core), ...callHandlers(core), ...localAnalyticsHandlers(core), ...queueHandlers(queue), ...providerHandlers(core), ...exportHandlers(core), ...reviewHandlers(core), ...mediaHandlers(core), ...dashboardHandlers(core) };
  queue.registerStep('index', indexStepRunner());
  core.registry = createRegistry(handlers, logger);
  registerProviders(core); // real transcribe + analyze runners; before registerLocalAnalytics wraps transcribe
  // Offline steps (metrics, local_analysis) + transcribe skips recordings that already have a transcript.
  // Keep after every other registerStep: it wraps whichever transcribe runner is registered.
  registerLocalAnalytics(queue);
  watchBatches(bus, () => queue.service.query.counts());
  queue.start();
  logger.info({ version: pkg.version, mode: opts.mode, dataDir: config.paths.dataDir, schema: db.schemaVersion }, 'core ready');
  return core;
}
