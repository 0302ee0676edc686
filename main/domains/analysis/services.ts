import type { Logger } from 'pino';
import type { Daos } from '../../../db/daos.js';
import type { SourcesListener } from '../../../db/dao/call-projection-dao.js';
import type { SecretName, Settings } from '../../../preload/contract/schemas/settings.js';
import type { OpenAIAnalyzerOptions } from '../../analysis/openai-analyzer.js';
import type { OpenAITranscriberOptions } from '../../providers/openai-transcriber.js';
import { PriceBook } from '../../providers/prices.js';
import type { ProviderEnv } from '../../providers/factory.js';
import type { ProviderId } from '../../providers/provider-ids.js';
import { ProviderStatusBook } from '../../providers/status.js';
import { RubricService, type RubricListener } from '../rubrics/rubric-service.js';
import { TranscriptionService } from '../transcripts/transcription-service.js';
import { AnalysisService } from './analysis-service.js';

/**
 * The transcription/analysis services of one core, built once and shared by the contract handlers
 * and the queue's step runners (so both see the same provider status and price table).
 */
export interface ServiceDeps {
  daos: Pick<Daos, 'analyses' | 'appSettings' | 'recordings' | 'rubrics' | 'transcripts'>;
  logger: Logger;
  settings: () => Settings;
  secret: (name: SecretName) => string | undefined;
  /** Wraps the fetch of each provider's SDK client (the egress ledger and metrics: main/observability). */
  traffic?: (provider: ProviderId, base?: typeof fetch) => typeof fetch;
  /** Re-projects the calls a rubric edit or a transcript fix affects (the call projection). */
  calls: RubricListener & SourcesListener;
  /** Test hooks. */
  fetch?: typeof fetch;
  openaiTranscriber?: OpenAITranscriberOptions;
  analyzer?: OpenAIAnalyzerOptions;
}

export interface ProviderServices {
  /** How this process reaches the providers (settings, keys, prices, measured fetch): what computations get. */
  env: ProviderEnv & { analyzer?: OpenAIAnalyzerOptions };
  prices: PriceBook;
  status: ProviderStatusBook;
  rubrics: RubricService;
  transcription: TranscriptionService;
  analysis: AnalysisService;
}

export function providerServices(deps: ServiceDeps): ProviderServices {
  const prices = new PriceBook(deps.daos.appSettings);
  const status = new ProviderStatusBook(deps.secret, () => deps.settings().openaiBaseUrl);
  const fetchFor = (p: ProviderId) => (deps.traffic ? deps.traffic(p, deps.fetch) : deps.fetch);
  const env: ProviderServices['env'] = { settings: deps.settings, secret: deps.secret, prices, fetchFor, openaiTranscriber: deps.openaiTranscriber, analyzer: deps.analyzer };
  const rubrics = new RubricService(deps.daos.rubrics, deps.calls);
  const transcription = new TranscriptionService(deps.daos, env, status, deps.logger.child({ domain: 'transcription' }), deps.calls);
  const analysis = new AnalysisService(deps.daos, env, status, transcription, rubrics, deps.logger.child({ domain: 'analysis' }));
  return { env, prices, status, rubrics, transcription, analysis };
}
