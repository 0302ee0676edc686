import { join } from 'node:path';
import pkg from '../package.json' with { type: 'json' };
import { CostEstimator } from './domains/estimates/cost-estimator.js';
import { estimateHandlers } from './domains/estimates/handlers.js';
import { userHandlers } from './domains/users/handlers.js';
import { teamHandlers } from './domains/team/handlers.js';
import { UserAdmin } from './domains/users/user-admin.js';
import { AuthService, authTimes } from './auth/auth-service.js';
import { openDatabase } from '../db/open.js';
import { createRegistry, type AccessRules, type HandlerMap } from './contract/registry.js';
import type { Core, CoreContext, CoreOptions, CoreServices, HealthSources } from './core-types.js';
import { analysisHandlers } from './domains/analysis/handlers.js';
import { withProviderFacts } from './domains/analysis/provider-health.js';
import { providerServices } from './domains/analysis/services.js';
import { MonthlyBudget } from './domains/analysis/budget.js';
import { analyzeStep, transcribeStep } from './domains/analysis/steps.js';
import { callHandlers } from './domains/calls/handlers.js';
import { indexStepRunner } from './domains/calls/index-step.js';
import { createDaosWithProjection } from './domains/calls/call-projection.js';
import { dashboardHandlers } from './domains/dashboard/handlers.js';
import { exportHandlers } from './domains/exports/handlers.js';
import { localAnalyticsHandlers } from './domains/local-analytics/handlers.js';
import { transcriptCompanions } from './domains/local-analytics/import-companions.js';
import { skipWhenTranscribed } from './domains/local-analytics/skip-when-transcribed.js';
import { LocalAnalyticsService } from './domains/local-analytics/service.js';
import { mediaHandlers } from './domains/media/handlers.js';
import { observabilityHandlers } from './domains/observability/handlers.js';
import { AudioService } from './domains/media/audio-service.js';
import { queueHandlers } from './domains/queue/handlers.js';
import { recordingHandlers } from './domains/recordings/handlers.js';
import { ImportService } from './domains/recordings/import-service.js';
import { reviewHandlers } from './domains/reviews/handlers.js';
import { assignmentHandlers } from './domains/assignments/handlers.js';
import { AssignmentService } from './domains/assignments/assignment-service.js';
import { DisputeService } from './domains/disputes/dispute-service.js';
import { disputeHandlers } from './domains/disputes/handlers.js';
import { Notifier } from './domains/disputes/notifier.js';
import { calibrationHandlers } from './domains/calibrations/handlers.js';
import { CalibrationService } from './domains/calibrations/calibration-service.js';
import { ReviewService } from './domains/reviews/review-service.js';
import { rubricHandlers } from './domains/rubrics/handlers.js';
import { systemHandlers } from './domains/system/handlers.js';
import { transcriptHandlers } from './domains/transcripts/handlers.js';
import { EventBus } from './events/event-bus.js';
import { watchBatches } from './jobs/batch-watcher.js';
import { createQueue } from './jobs/index.js';
import { localAnalysisRunner } from './domains/local-analytics/local-analysis-step.js';
import { metricsRunner } from './jobs/runners/metrics.js';
import { createLogger } from './logging/logger.js';
import { createMetrics, dbOperationLabels } from './observability/metrics.js';
import { Observability } from './observability/observability.js';
import { flushTracing, startTracing } from './observability/tracing.js';
import { FileSecretStore } from './secrets/file-secret-store.js';
import type { SecretStore } from './secrets/secret-store.js';
import { SettingsService } from './settings/settings-service.js';
import { embeddedTransport } from './steps/embedded-transport.js';
import { localAudio } from './steps/local-audio.js';
import type { ComputeServices } from './steps/compute-env.js';
import { RedisTransport } from './team/redis-transport.js';
import { ServiceRegistry } from './team/service-registry.js';
import { WorkerGateway } from './team/worker-gateway.js';
import { WorkerTokens } from './auth/worker-tokens.js';

export type { Core, CoreOptions, HealthSources } from './core-types.js';

/**
 * The composition root: the one place that builds every service of the app, hands each domain's
 * handler factory what it needs, registers the queue's step runners, and knows how to take it all
 * down again (close() runs the start-up in reverse). Both entries (Electron main, browser-mode server)
 * and the tests build exactly this.
 */
export async function buildCore(opts: CoreOptions): Promise<Core> {
  const startedAt = performance.now();
  const { config } = opts;
  // Tracing first, so everything after it is traced; with no OTLP endpoint this loads nothing.
  await startTracing(opts.env ?? process.env, { exporter: opts.traceExporter });
  const logger = opts.logger ?? (await createLogger(config));
  const metrics = createMetrics();
  const db = await openDatabase({
    file: config.paths.dbFile,
    busyTimeoutMs: config.settings.dbBusyTimeoutMs,
    readConnections: config.settings.dbReadConnections,
    slowQueryMs: config.settings.dbSlowQueryMs,
    logger,
    onTimed: (operation, seconds) => metrics.dbQueryDuration.observe(dbOperationLabels(operation), seconds),
  });
  const bus = new EventBus(logger);
  const currentSettings = () => config.settings;
  // Every DAO, built once here and handed to the services; the call projection wired into the queue's.
  const { daos, calls } = createDaosWithProjection(db, currentSettings);
  const secrets: SecretStore = opts.secrets ?? new FileSecretStore(join(config.paths.dataDir, 'secrets.json'));
  if (secrets.warning) logger.warn(secrets.warning);
  const settings = new SettingsService(config, secrets, bus, daos.audit, logger, opts.env);
  const observability = new Observability(metrics, daos, currentSettings, logger.child({ component: 'observability' }));

  const providers = providerServices({ daos, logger, settings: currentSettings, secret: (n) => settings.secret(n), calls, traffic: (p, base) => observability.fetchFor(p, base) });
  // The steps' work runs in this process on the library's files (the desktop default), or on worker
  // services fed through BullMQ (CCA_QUEUE=redis; this process stays the scheduler and the storage).
  const computeServices: ComputeServices = {
    providers: providers.env, apiStyles: providers.status.apiStyles, analyzer: providers.env.analyzer,
    audio: localAudio((id) => daos.jobsQuery.recordingAudio(id)?.audioPath),
  };
  // BullMQ is loaded only for the team server (never by the desktop app): start-up does not pay for it.
  const redis = config.settings.queue === 'redis' && opts.mode === 'browser'
    ? await RedisTransport.open({ redisUrl: config.settings.redisUrl, registry: new ServiceRegistry(pkg.version), logger })
    : null;
  const transport = redis ?? embeddedTransport(computeServices);
  const queue = createQueue({ db, daos, logger, bus, settings: currentSettings, secret: (n) => settings.secret(n), observer: observability.queue }, { transport });
  metrics.sources.jobs = () => queue.service.query.countsByStep();
  metrics.sources.circuits = () => queue.scheduler.providers().map((p) => ({ provider: p.id, circuit: p.circuit }));
  if (redis) metrics.sources.workers = () => redis.workers();
  const importLog = logger.child({ domain: 'import' });
  const estimates = new CostEstimator({ daos, providers, settings: currentSettings, pipeline: queue.scheduler.pipeline });
  const notifier = new Notifier(daos.notifications, bus, opts.clock);
  const reviews = new ReviewService(daos, daos.audit, calls, notifier);
  const services: CoreServices = {
    imports: new ImportService({
      dao: daos.recordings, calls, bus, logger: importLog, settings: config.settings, companions: transcriptCompanions(daos, calls, importLog),
      recordBatch: ({ batchId, files, recordingIds }) =>
        daos.importBatches.record({ id: batchId, createdAt: Date.now(), files, recordingIds, estimate: estimates.estimate(recordingIds) }),
      recordFailures: (batchId, failures) =>
        daos.importFailures.record(batchId, Date.now(), failures.map((f) => ({ fileName: f.fileName, sourcePath: f.sourcePath, ...f.error! }))),
    }),
    localAnalytics: new LocalAnalyticsService(daos, () => config.settings),
    reviews,
    assignments: new AssignmentService(daos.assignments, daos.audit, opts.clock),
    disputes: new DisputeService(daos.disputes, { analyses: daos.analyses, recordings: daos.recordings, reviews, audit: daos.audit, notifier }, opts.clock),
    notifier,
    calibrations: new CalibrationService(daos.calibrations, daos.rubrics, daos.audit, opts.clock),
    audio: new AudioService(daos),
    providers,
    estimates,
  };
  const health: HealthSources = {
    queueCounts: () => queue.service.query.counts(),
    // The queue knows circuits and last errors; the providers know which saved key was rejected.
    providers: () => withProviderFacts(queue.service.summary().providers, services.providers.status.facts()),
  };
  const auth = new AuthService(daos, daos.audit, () => authTimes(config.settings), logger.child({ component: 'auth' }), opts.clock);
  const userAdmin = new UserAdmin(auth, daos.audit, opts.clock);
  const workerTokens = new WorkerTokens(daos.workerTokens, daos.audit, opts.clock);
  const team = redis ? {
    gateway: new WorkerGateway({
      transport: redis, appVersion: pkg.version, settings: currentSettings, secret: (n) => settings.secret(n), prices: () => providers.prices.list(),
      signAudio: (id) => services.audio.workerUrl(id),
      recordExchange: (x) => observability.recordExchange(x),
    }),
  } : null;
  const access: AccessRules = { agentOwns: (agent, id) => daos.calls.agentOwns(agent, id), blindCalls: (userId) => daos.calibrations.blindCalls(userId) };
  const ctx: CoreContext = { appVersion: pkg.version, mode: opts.mode, host: opts.host ?? null, startedAt, config, logger, db, bus, settings, daos, auth, userAdmin, access, health, calls, queue, computeServices, workerTokens, team, services, observability };

  // Each domain contributes its slice of handlers; the type demands every contract operation.
  const handlers: HandlerMap = {
    ...systemHandlers(ctx), ...recordingHandlers(ctx), ...callHandlers(ctx), ...localAnalyticsHandlers(ctx), ...queueHandlers(queue),
    ...transcriptHandlers(ctx), ...analysisHandlers(ctx), ...rubricHandlers(ctx), ...exportHandlers(ctx), ...reviewHandlers(ctx),
    ...mediaHandlers(ctx), ...dashboardHandlers(ctx), ...observabilityHandlers(ctx), ...estimateHandlers(ctx), ...userHandlers(ctx), ...teamHandlers(ctx), ...assignmentHandlers(ctx), ...disputeHandlers(ctx), ...calibrationHandlers(ctx),
  };
  const registry = createRegistry(handlers, logger, access);

  // The pipeline's real runners (the queue ships waiting placeholders). transcribe finishes at once for
  // a recording that already has a transcript (dropped with it, or attached later): no key needed.
  const budget = new MonthlyBudget(daos, currentSettings, () => queue.wakeWaitingConfig('the month turned: this month has its own budget'));
  queue.registerStep('transcribe', skipWhenTranscribed(budget.guard(transcribeStep(services.providers))));
  queue.registerStep('analyze', budget.guard(analyzeStep(services.providers)));
  queue.registerStep('metrics', metricsRunner());
  queue.registerStep('local_analysis', localAnalysisRunner());
  queue.registerStep('index', indexStepRunner(() => config.settings, calls));

  // Start-up: remove what an import killed mid-copy left in <library>/.partial.
  services.imports.sweep();
  // A database written before this version of the projection (or by an interrupted run) gets every
  // call re-projected now, like a migration: resumable, with progress in the log.
  if (calls.isStale()) {
    const t0 = performance.now();
    let logged = t0;
    const { total } = await calls.reprojectAll({
      onProgress: ({ done, total }) => {
        if (performance.now() - logged < 2_000) return;
        logged = performance.now();
        logger.info({ done, total }, 're-projecting calls');
      },
      between: () => new Promise((resolve) => setImmediate(resolve)),
    });
    logger.info({ calls: total, ms: Math.round(performance.now() - t0) }, 'calls re-projected');
  }
  const syncPolicy = () => calls.policyChanged();
  syncPolicy();
  const stopKeyWatch = bus.subscribe((name) => {
    if (name !== 'settings.changed') return;
    services.providers.status.keysChanged();
    syncPolicy();
  });
  const stopBatchWatch = watchBatches(bus, () => ({ counts: queue.service.query.counts(), calls: queue.service.callCounts() }));
  const stopImportCount = observability.watch(bus);
  queue.start();
  observability.rollups.start();
  // Users mode: expired sessions leave the table hourly (nothing to do at start-up: they are refused anyway).
  const pruneSessions = opts.mode === 'browser' && config.settings.auth === 'users' ? setInterval(() => auth.prune(), 3_600_000) : null;
  pruneSessions?.unref();
  // Weekly sampling rules: each samples last week once, on the first check after the week turns.
  const runRules = () => {
    try {
      const { ran } = services.assignments.runDueRules();
      if (ran) logger.info({ rules: ran }, 'weekly sampling rules ran');
    } catch (e) {
      logger.error({ err: e }, 'weekly sampling rules failed');
    }
  };
  const sampleWeekly = setInterval(runRules, 10 * 60_000);
  sampleWeekly.unref();
  const firstRules = setImmediate(runRules);
  logger.info({ version: pkg.version, mode: opts.mode, dataDir: config.paths.dataDir, schema: db.schemaVersion }, 'core ready');

  let closing: Promise<void> | null = null;
  return {
    ...ctx,
    registry,
    close() {
      closing ??= (async () => {
        stopImportCount();
        budget.stop();
        if (pruneSessions) clearInterval(pruneSessions);
        clearInterval(sampleWeekly);
        clearImmediate(firstRules);
        observability.rollups.stop();
        stopBatchWatch();
        stopKeyWatch();
        await queue.stop();
        await services.imports.close();
        db.close();
        await flushTracing();
        await new Promise<void>((resolve) => logger.flush(() => resolve()));
      })();
      return closing;
    },
  };
}
