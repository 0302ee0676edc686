import { createHash } from 'node:crypto';
import type { SecretName, Settings } from '../../preload/contract/schemas/settings.js';
import type { PriceEntry } from '../../preload/contract/schemas/analysis.js';
import type { ProviderExchange } from '../observability/provider-traffic.js';
import type { RedisTransport } from './redis-transport.js';
import type { WorkerAnnouncement } from './service-registry.js';
import { TEAM_PROTOCOL, type WireOutcome } from './wire.js';

/** The settings a computation reads (provider endpoints, models, timeouts): nothing about the server. */
export const WORKER_SETTINGS = [
  'transcriptionProvider', 'elevenlabsBaseUrl', 'elevenlabsModel', 'openaiBaseUrl', 'openaiApiStyle', 'openaiTranscriptionModel',
  'analysisModel', 'requestTimeoutSec',
] as const satisfies readonly (keyof Settings)[];
export const WORKER_SECRETS = ['OPENAI_API_KEY', 'ELEVENLABS_API_KEY'] as const satisfies readonly SecretName[];

/** What a worker needs to call the providers as the server would; `version` changes with any of it. */
export interface WorkerConfig {
  appVersion: string;
  protocol: number;
  settings: Pick<Settings, (typeof WORKER_SETTINGS)[number]>;
  secrets: Partial<Record<(typeof WORKER_SECRETS)[number], string>>;
  prices: PriceEntry[];
  version: string;
}

export interface WorkerGatewayDeps {
  transport: RedisTransport;
  appVersion: string;
  settings: () => Settings;
  secret: (name: SecretName) => string | undefined;
  prices: () => PriceEntry[];
  /** Records a provider exchange a worker made (egress ledger, metrics, rollups). */
  recordExchange: (x: ProviderExchange) => void;
  /** A signed URL of a recording's audio (the audio route), short-lived. */
  signAudio: (recordingId: number) => { url: string; expiresAt: string };
}

/**
 * What the worker routes ask of the storage service (main/server/worker-routes.ts answers them over
 * the worker token): the provider configuration, an attempt's input and audio, its progress and result,
 * and the heartbeat. Everything about an attempt answers only while the attempt waits here.
 */
export class WorkerGateway {
  constructor(private readonly deps: WorkerGatewayDeps) {}

  config(): WorkerConfig {
    const s = this.deps.settings();
    const settings = Object.fromEntries(WORKER_SETTINGS.map((k) => [k, s[k]])) as WorkerConfig['settings'];
    const secrets: WorkerConfig['secrets'] = {};
    for (const name of WORKER_SECRETS) {
      const v = this.deps.secret(name);
      if (v) secrets[name] = v;
    }
    const prices = this.deps.prices();
    const version = createHash('sha256').update(JSON.stringify([settings, secrets, prices])).digest('hex').slice(0, 16);
    return { appVersion: this.deps.appVersion, protocol: TEAM_PROTOCOL, settings, secrets, prices, version };
  }

  /** The attempt's input with the config version it expects (a worker whose config is older fetches it again). */
  input(jobId: number, fence: number): { step: string; recordingId: number; input: unknown; configVersion: string } | null {
    const found = this.deps.transport.start(jobId, fence);
    return found ? { ...found, configVersion: this.config().version } : null;
  }

  /** A signed URL of the audio of the recording this attempt works on (and of no other). */
  audioUrl(jobId: number, fence: number): { url: string; expiresAt: string } | null {
    const found = this.deps.transport.start(jobId, fence);
    return found ? this.deps.signAudio(found.recordingId) : null;
  }

  /**
   * A worker's result. Its provider exchanges are recorded with it, tied to this attempt whatever the
   * worker wrote in them; a refused result's are not (nothing ties them to a step of ours any more).
   */
  deliver(jobId: number, fence: number, outcome: WireOutcome): boolean {
    const attempt = this.deps.transport.attemptOf(jobId, fence);
    if (!attempt || !this.deps.transport.deliver(jobId, fence, outcome)) return false;
    for (const x of outcome.exchanges ?? []) this.deps.recordExchange({ ...x, jobId, recordingId: attempt.recordingId, step: attempt.step });
    return true;
  }

  progress(jobId: number, fence: number, fraction: number): boolean {
    return this.deps.transport.progress(jobId, fence, fraction);
  }

  heartbeat(a: WorkerAnnouncement, tokenName: string): void {
    this.deps.transport.registry.heartbeat(a, tokenName);
  }

  leave(id: string): void {
    this.deps.transport.registry.leave(id);
  }
}
