import type { AssignmentService } from './domains/assignments/assignment-service.js';
import type { DisputeService } from './domains/disputes/dispute-service.js';
import type { Notifier } from './domains/disputes/notifier.js';
import type { CalibrationService } from './domains/calibrations/calibration-service.js';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Logger } from 'pino';
import type { CallProjection } from './domains/calls/call-projection.js';
import type { Daos } from '../db/daos.js';
import type { AppDatabase } from '../db/open.js';
import type { Health } from '../preload/contract/operations/system.js';
import type { Config } from './config/load-config.js';
import type { Registry } from './contract/registry.js';
import type { ProviderServices } from './domains/analysis/services.js';
import type { LocalAnalyticsService } from './domains/local-analytics/service.js';
import type { AudioService } from './domains/media/audio-service.js';
import type { ImportService } from './domains/recordings/import-service.js';
import type { ReviewService } from './domains/reviews/review-service.js';
import type { EventBus } from './events/event-bus.js';
import type { DesktopHost } from './host.js';
import type { ComputeServices } from './steps/compute-env.js';
import type { WorkerTokens } from './auth/worker-tokens.js';
import type { WorkerGateway } from './team/worker-gateway.js';
import type { Queue } from './jobs/index.js';
import type { Observability } from './observability/observability.js';
import type { AuthService } from './auth/auth-service.js';
import type { UserAdmin } from './domains/users/user-admin.js';
import type { AccessRules } from './contract/registry.js';
import type { CostEstimator } from './domains/estimates/cost-estimator.js';
import type { SecretStore } from './secrets/secret-store.js';
import type { SettingsService } from './settings/settings-service.js';

/**
 * The shape of the core, apart from how it is built (main/core.ts). Domains, transports and tests
 * import these types from here, so nothing that core.ts builds has to import core.ts back.
 */

export interface CoreOptions {
  config: Config;
  mode: 'electron' | 'browser';
  /** Desktop passes Electron safeStorage; default is a 0600 file in the data dir. */
  secrets?: SecretStore;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Desktop-only abilities (save dialog); absent in browser mode. */
  host?: DesktopHost;
  /** Test hook: spans go here (and tracing is on) instead of OTLP. */
  traceExporter?: SpanExporter;
  /** Test hook: the clock sessions and tokens expire by. */
  clock?: () => number;
}

/** The facts GET /health reports, from the subsystems that own them. */
export interface HealthSources {
  queueCounts(): Health['queue'];
  providers(): Health['providers'];
}

/**
 * The services buildCore creates once per core. Handlers get them from here, and so do the transports'
 * HTTP routes outside the contract (upload, audio, exports: main/server/http-routes.ts), which need more than the typed contract carries.
 */
export interface CoreServices {
  imports: ImportService;
  localAnalytics: LocalAnalyticsService;
  reviews: ReviewService;
  /** Team QA: calls given to reviewers (a lead's selection or a sampling rule's picks). */
  assignments: AssignmentService;
  disputes: DisputeService;
  notifier: Notifier;
  calibrations: CalibrationService;
  /** The player's audio: signed URLs (the operation signs, the audio route and app protocol verify) and Range reads. */
  audio: AudioService;
  providers: ProviderServices;
  /** Cost and time before they are spent (main/domains/estimates). */
  estimates: CostEstimator;
}

/** What a domain's handler factory is given: the whole core except the registry it is part of. */
export interface CoreContext {
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
  /** Every DAO of the database (db/daos.ts), built once: services and handlers take theirs from here. */
  daos: Daos;
  /** Accounts, sessions and personal tokens (used when CCA_AUTH=users). */
  auth: AuthService;
  userAdmin: UserAdmin;
  /** How an agent's reads are limited to their own calls (the registry and the HTTP routes ask it). */
  access: AccessRules;
  health: HealthSources;
  /** The one owner of each call's derived record: write points call it in their transactions. */
  calls: CallProjection;
  /** The persistent job queue, its step runners registered by buildCore. */
  queue: Queue;
  /** Worker service tokens (the `worker` role); minted by admins, used only by the worker routes. */
  workerTokens: WorkerTokens;
  /** The team server's side of the worker routes (CCA_QUEUE=redis); null when the steps run here. */
  team: { gateway: WorkerGateway } | null;
  /** What the steps' computations get in this process (the embedded transport's; an in-process worker's). */
  computeServices: ComputeServices;
  services: CoreServices;
  /** Metrics, the egress ledger and error tracking (main/observability). */
  observability: Observability;
}

/**
 * Everything the app is, without a transport: config, logger, database (migrated), domain services
 * and the contract registry. Both entries (Electron main, browser-mode server) build exactly this.
 */
export interface Core extends CoreContext {
  registry: Registry;
  /** Stops and closes everything buildCore started, in reverse order. */
  close(): Promise<void>;
}
