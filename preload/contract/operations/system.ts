import { z } from 'zod';
import { defineOperation } from '../define.js';
import { SecretName, SettingsUpdate, SettingsView } from '../schemas/settings.js';

export const QueueCounts = z.record(z.string(), z.number().int().nonnegative());

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  dataDir: z.string(),
  profile: z.string(),
  mode: z.enum(['electron', 'browser']),
  uptimeSec: z.number(),
  /** Jobs per state; empty until the first recording is queued. */
  queue: QueueCounts,
  providers: z.array(
    z.object({
      id: z.string(),
      configured: z.boolean(),
      circuit: z.enum(['closed', 'open', 'half_open', 'isolated']),
      lastError: z.string().nullable(),
      /** OpenAI only, once analysis has had an answer: which API the server at baseUrl speaks. */
      api: z.object({ baseUrl: z.string(), style: z.enum(['responses', 'chat']), fellBack: z.boolean() }).optional(),
    }),
  ),
});
export type Health = z.infer<typeof Health>;

const exampleSettings: SettingsView = {
  values: {
    profile: 'production', dataDir: '/home/reviewer/.local/share/call-center-qa', port: 0, logLevel: 'info',
    auth: 'token', host: '127.0.0.1', publicUrl: '', internalHosts: [], tlsCert: '', tlsKey: '', trustProxy: false, trustProxyHops: 1, importRoots: [], exportDir: '', sessionIdleHours: 12, sessionMaxDays: 7,
    logMaxSizeMb: 10, logMaxFiles: 5, dbBusyTimeoutMs: 5000, dbReadConnections: 2, dbSlowQueryMs: 100, problemsRetentionDays: 30, monthlyBudgetUsd: 0, transcriptQualityMin: 60, callLanguage: '', unsupportedAnswers: 'show', redactOnScreen: false,
    libraryMode: 'copy', libraryDir: '', maxFileSizeMb: 2048, filenamePattern: '{date}_{agent}_{callId}',
    transcriptionProvider: 'elevenlabs', elevenlabsBaseUrl: 'https://api.elevenlabs.io', elevenlabsModel: 'scribe_v2',
    openaiApiStyle: 'auto', openaiBaseUrl: 'https://api.openai.com/v1', openaiTranscriptionModel: 'gpt-4o-transcribe-diarize',
    analysisModel: 'gpt-4.1-mini', transcribeConcurrency: 4, analyzeConcurrency: 4, maxAttempts: 6,
    requestTimeoutSec: 300, keyterms: ['Northwind'], redactCategories: ['card_number', 'cvv'], queue: 'embedded', redisUrl: '',
  },
  sources: { logLevel: 'default', dataDir: 'env' },
  locked: ['dataDir'],
  secrets: [
    { name: 'OPENAI_API_KEY', configured: true, source: 'store' },
    { name: 'ELEVENLABS_API_KEY', configured: false, source: 'none' },
  ],
  configFile: '/home/reviewer/.local/share/call-center-qa/config.json',
};

export const systemOperations = {
  'system.health': defineOperation({
    method: 'GET', path: '/api/v1/health', tag: 'system', role: 'agent', scope: 'none',
    summary: 'Application health: version, schema version, data folder, queue counts, provider states.',
    input: z.object({}),
    output: Health,
    example: {
      input: {},
      output: {
        status: 'ok', appVersion: '0.1.0', schemaVersion: 2, dataDir: '/home/reviewer/.local/share/call-center-qa',
        profile: 'production', mode: 'browser', uptimeSec: 12.5, queue: { queued: 3, running: 1, done: 40 },
        providers: [{ id: 'openai', configured: true, circuit: 'closed', lastError: null }],
      },
    },
  }),
  'settings.get': defineOperation({
    method: 'GET', path: '/api/v1/settings', tag: 'settings', role: 'reviewer', blind: 'safe',
    summary: 'Current settings with where each value comes from. API keys are reported as configured or not, never returned.',
    input: z.object({}),
    output: SettingsView,
    example: { input: {}, output: exampleSettings },
  }),
  'settings.update': defineOperation({
    method: 'PATCH', path: '/api/v1/settings', tag: 'settings', role: 'admin', blind: 'safe',
    summary: 'Change editable settings; saved to <dataDir>/config.json. Settings fixed by an env var are refused.',
    input: SettingsUpdate,
    output: SettingsView,
    example: { input: { logLevel: 'debug', transcribeConcurrency: 2 }, output: exampleSettings },
  }),
  'settings.setSecret': defineOperation({
    method: 'PUT', path: '/api/v1/settings/secrets/{name}', tag: 'settings', role: 'admin', blind: 'safe',
    summary: 'Store an API key in the secret store (OS keychain-backed on desktop, a 0600 file in browser mode). Empty value removes it.',
    input: z.object({ name: SecretName, value: z.string().max(500) }),
    output: SettingsView,
    example: { input: { name: 'OPENAI_API_KEY', value: 'sk-…' }, output: exampleSettings },
  }),
};
