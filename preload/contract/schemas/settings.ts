import { z } from 'zod';

/**
 * Every setting of the app, defined once. The config loader (main/config) builds its schema and env
 * mapping from this table, the settings operations validate updates with it, README's settings table
 * is checked against it, and the Settings view renders from it. Secrets (API keys) are not settings:
 * they live in the secret store and are only ever reported as configured or not.
 */
export interface SettingDef<S extends z.ZodType = z.ZodType> {
  /** What the Settings view calls it. */
  label: string;
  env: `CCA_${string}`;
  schema: S;
  default: z.output<S>;
  description: string;
  /** How to write the value in an env var; used in error messages. */
  example: string;
  /** Editable from the UI/API (written to <dataDir>/config.json). Others are env/file only. */
  editable: boolean;
  /** Takes effect only after a restart. */
  restart?: boolean;
  group: 'general' | 'storage' | 'import' | 'queue' | 'providers' | 'privacy' | 'security';
}
const def = <S extends z.ZodType>(d: SettingDef<S>) => d;

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

export const profiles = ['development', 'test', 'production'] as const;
export const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export const piiCategories = [
  'card_number', 'cvv', 'bank_account', 'sort_code', 'national_id', 'phone', 'email',
  'date_of_birth', 'pin', 'postcode', 'address',
] as const;

export const settingDefs = {
  profile: def({
    label: 'Profile', env: 'CCA_PROFILE', schema: z.enum(profiles), default: 'production', group: 'general', editable: false, restart: true,
    description: 'Environment profile: development (debug logs, pretty console), test, production.',
    example: 'production',
  }),
  dataDir: def({
    label: 'Data folder', env: 'CCA_DATA_DIR', schema: z.string().min(1), default: '', group: 'storage', editable: false, restart: true,
    description: 'Folder for the database, library, logs and token. Default: the OS app-data folder (Linux: ~/.local/share/call-center-qa).',
    example: '/home/me/qa-data',
  }),
  port: def({
    label: 'Port', env: 'CCA_PORT', schema: int(0, 65535), default: 0, group: 'general', editable: false, restart: true,
    description: 'Browser mode: TCP port on 127.0.0.1. 0 picks any free port (printed on the ready line).',
    example: '8765',
  }),
  auth: def({
    label: 'Sign-in', env: 'CCA_AUTH', schema: z.enum(['token', 'users']), default: 'token', group: 'security', editable: false, restart: true,
    description: 'Browser mode: token (the launch token in <dataDir>/api-token is the one local owner) or users (accounts with roles and sign-in; the token still acts as the owner for scripts on this host). The desktop app ignores it.',
    example: 'users',
  }),
  host: def({
    label: 'Listen address', env: 'CCA_HOST', schema: z.string().min(1).max(253), default: '127.0.0.1', group: 'security', editable: false, restart: true,
    description: 'Browser mode: address to listen on. Anything but loopback needs CCA_AUTH=users and TLS (CCA_TLS_CERT, CCA_TLS_KEY) or CCA_TRUST_PROXY=true.',
    example: '0.0.0.0',
  }),
  publicUrl: def({
    label: 'Public URL', env: 'CCA_PUBLIC_URL', schema: z.union([z.literal(''), httpUrl]), default: '', group: 'security', editable: false, restart: true,
    description: 'The URL people open (e.g. https://qa.example.com): its host name is accepted in the Host header besides loopback names, and it is the same origin state-changing requests must come from.',
    example: 'https://qa.example.com',
  }),
  internalHosts: def({
    label: 'Names on the private network', env: 'CCA_INTERNAL_HOSTS', schema: z.array(z.string().regex(/^[a-z0-9.-]+(:\d{1,5})?$/i, 'must be host or host:port')).max(20), default: [], group: 'security', editable: false, restart: true,
    description: 'Host names (host:port) that services on a private network use to reach this server, accepted in the Host header besides loopback names and CCA_PUBLIC_URL: e.g. api:8080 for workers and Prometheus reaching a compose service by its name. Requests still need a token.',
    example: 'api:8080',
  }),
  tlsCert: def({
    label: 'TLS certificate', env: 'CCA_TLS_CERT', schema: z.string().max(4096), default: '', group: 'security', editable: false, restart: true,
    description: 'PEM certificate file: the server speaks HTTPS (with CCA_TLS_KEY).', example: '/etc/cca/cert.pem',
  }),
  tlsKey: def({
    label: 'TLS key', env: 'CCA_TLS_KEY', schema: z.string().max(4096), default: '', group: 'security', editable: false, restart: true,
    description: 'PEM private key file for CCA_TLS_CERT.', example: '/etc/cca/key.pem',
  }),
  trustProxy: def({
    label: 'Behind a TLS proxy', env: 'CCA_TRUST_PROXY', schema: z.boolean(), default: false, group: 'security', editable: false, restart: true,
    description: 'The server sits behind a TLS-terminating reverse proxy: cookies are marked Secure and the client address is read from X-Forwarded-For.',
    example: 'true',
  }),
  trustProxyHops: def({
    label: 'Trusted proxies in front', env: 'CCA_TRUST_PROXY_HOPS', schema: int(1, 10), default: 1, group: 'security', editable: false, restart: true,
    description: 'With CCA_TRUST_PROXY: how many proxies of yours append to X-Forwarded-For. The client address is the one the outermost of them appended (counted from the right); what the client itself sent is never believed.',
    example: '1',
  }),
  importRoots: def({
    label: 'Server import folders', env: 'CCA_IMPORT_ROOTS', schema: z.array(z.string().min(1).max(4096).refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'must be an absolute path')).max(50), default: [], group: 'security', editable: false, restart: true,
    description: 'Folders on the server that signed-in accounts may import recordings from by path (comma-separated, absolute). None by default: accounts upload. The desktop app and the launch token may import any path.',
    example: '/srv/recordings,/mnt/pbx-export',
  }),
  exportDir: def({
    label: 'Server exports folder', env: 'CCA_EXPORT_DIR', schema: z.string().max(4096).refine((p) => p === '' || p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'must be an absolute path'), default: '', group: 'security', editable: false, restart: true,
    description: 'The one folder on the server where signed-in accounts may save exports by path (POST /api/v1/exports/write). Empty: off, exports are downloaded. Never the data folder itself.',
    example: '/srv/qa-exports',
  }),
  sessionIdleHours: def({
    label: 'Session idle expiry (hours)', env: 'CCA_SESSION_IDLE_HOURS', schema: z.number().min(0.01).max(24 * 30), default: 12, group: 'security', editable: false, restart: true,
    description: 'A sign-in ends after this long without a request.', example: '12',
  }),
  sessionMaxDays: def({
    label: 'Session absolute expiry (days)', env: 'CCA_SESSION_MAX_DAYS', schema: z.number().min(0.01).max(365), default: 7, group: 'security', editable: false, restart: true,
    description: 'A sign-in ends this long after it started, whatever the activity.', example: '7',
  }),
  logLevel: def({
    label: 'Log level', env: 'CCA_LOG_LEVEL', schema: z.enum(logLevels), default: 'info', group: 'general', editable: true,
    description: 'Lowest log level written to <dataDir>/logs (development defaults to debug).',
    example: 'debug',
  }),
  logMaxSizeMb: def({
    label: 'Log file size (MB)', env: 'CCA_LOG_MAX_SIZE_MB', schema: int(1, 1024), default: 10, group: 'general', editable: false, restart: true,
    description: 'Size at which the log file rotates, in MB.', example: '10',
  }),
  logMaxFiles: def({
    label: 'Log files kept', env: 'CCA_LOG_MAX_FILES', schema: int(1, 100), default: 5, group: 'general', editable: false, restart: true,
    description: 'Rotated log files kept.', example: '5',
  }),
  dbBusyTimeoutMs: def({
    label: 'Database busy timeout (ms)', env: 'CCA_DB_BUSY_TIMEOUT_MS', schema: int(0, 600_000), default: 5000, group: 'storage', editable: false, restart: true,
    description: 'How long a database write waits for a lock before failing with a storage error.', example: '5000',
  }),
  dbReadConnections: def({
    label: 'Read connections', env: 'CCA_DB_READ_CONNECTIONS', schema: int(0, 16), default: 2, group: 'storage', editable: false, restart: true,
    description: 'Read-only SQLite connections used for list, search and report queries (0 = share the writer).',
    example: '2',
  }),
  dbSlowQueryMs: def({
    label: 'Slow query threshold (ms)', env: 'CCA_DB_SLOW_QUERY_MS', schema: int(1, 60_000), default: 100, group: 'storage', editable: true,
    description: 'Queries slower than this are logged with their timing.', example: '100',
  }),
  problemsRetentionDays: def({
    label: 'Problems kept (days)', env: 'CCA_PROBLEMS_RETENTION_DAYS', schema: int(1, 3650), default: 30, group: 'storage', editable: true,
    description: 'Failed step attempts older than this are dropped from the Problems view (error tracking never grows without bound).',
    example: '30',
  }),
  libraryMode: def({
    label: 'Library mode', env: 'CCA_LIBRARY_MODE', schema: z.enum(['copy', 'reference']), default: 'copy', group: 'import', editable: true,
    description: 'copy: imported recordings are copied into the library (safe if originals move); reference: used in place.',
    example: 'copy',
  }),
  libraryDir: def({
    label: 'Library folder', env: 'CCA_LIBRARY_DIR', schema: z.string(), default: '', group: 'import', editable: true,
    description: 'Where copied recordings live, named by content hash. Empty: <dataDir>/library.',
    example: '/srv/qa/library',
  }),
  maxFileSizeMb: def({
    label: 'Maximum file size (MB)', env: 'CCA_MAX_FILE_SIZE_MB', schema: int(1, 100_000), default: 2048, group: 'import', editable: true,
    description: 'Recordings larger than this are refused at import.', example: '2048',
  }),
  filenamePattern: def({
    label: 'File name pattern', env: 'CCA_FILENAME_PATTERN', schema: z.string().max(200), default: '{date}_{agent}_{callId}', group: 'import', editable: true,
    description: 'How call metadata is read from file names. Fields: {date} {time} {agent} {customer} {queue} {direction} {callId} {ignore}.',
    example: '{date}_{agent}_{callId}',
  }),
  transcriptionProvider: def({
    label: 'Transcription provider', env: 'CCA_TRANSCRIPTION_PROVIDER', schema: z.enum(['elevenlabs', 'openai']), default: 'elevenlabs', group: 'providers', editable: true,
    description: 'Which provider transcribes recordings.', example: 'openai',
  }),
  elevenlabsBaseUrl: def({
    label: 'ElevenLabs base URL', env: 'CCA_ELEVENLABS_BASE_URL', schema: httpUrl, default: 'https://api.elevenlabs.io', group: 'providers', editable: true,
    description: 'ElevenLabs API base URL.', example: 'https://api.elevenlabs.io',
  }),
  elevenlabsModel: def({
    label: 'ElevenLabs model', env: 'CCA_ELEVENLABS_MODEL', schema: z.string().min(1), default: 'scribe_v2', group: 'providers', editable: true,
    description: 'ElevenLabs Speech-to-Text model.', example: 'scribe_v2',
  }),
  openaiApiStyle: def({
    label: 'OpenAI API style', env: 'CCA_OPENAI_API_STYLE', schema: z.enum(['auto', 'responses', 'chat']), default: 'auto', group: 'providers', editable: true,
    description: 'How analysis talks to the OpenAI base URL: auto (the Responses API; a server that answers it with 404/405, like llama.cpp, Ollama or LM Studio, is used through Chat Completions from then on), responses, or chat.',
    example: 'chat',
  }),
  openaiBaseUrl: def({
    label: 'OpenAI base URL', env: 'CCA_OPENAI_BASE_URL', schema: httpUrl, default: 'https://api.openai.com/v1', group: 'providers', editable: true,
    description: 'OpenAI (or any OpenAI-compatible server, e.g. a local Whisper/LLM server) base URL.',
    example: 'http://127.0.0.1:8000/v1',
  }),
  openaiTranscriptionModel: def({
    label: 'OpenAI transcription model', env: 'CCA_OPENAI_TRANSCRIPTION_MODEL', schema: z.string().min(1), default: 'gpt-4o-transcribe-diarize', group: 'providers', editable: true,
    description: 'OpenAI transcription model (gpt-4o-transcribe-diarize, whisper-1, ...).', example: 'whisper-1',
  }),
  analysisModel: def({
    label: 'Analysis model', env: 'CCA_ANALYSIS_MODEL', schema: z.string().min(1), default: 'gpt-4.1-mini', group: 'providers', editable: true,
    description: 'Model used for summaries, sentiment, compliance and scorecards (structured outputs).', example: 'gpt-4.1',
  }),
  transcribeConcurrency: def({
    label: 'Transcription concurrency', env: 'CCA_TRANSCRIBE_CONCURRENCY', schema: int(1, 64), default: 4, group: 'queue', editable: true,
    description: 'Transcription requests in flight at once, per provider.', example: '4',
  }),
  analyzeConcurrency: def({
    label: 'Analysis concurrency', env: 'CCA_ANALYZE_CONCURRENCY', schema: int(1, 64), default: 4, group: 'queue', editable: true,
    description: 'Analysis requests in flight at once.', example: '4',
  }),
  queue: def({
    label: 'Queue transport', env: 'CCA_QUEUE', schema: z.enum(['embedded', 'redis']), default: 'embedded', group: 'queue', editable: false, restart: true,
    description: 'Where the steps\' work runs: embedded (in this process, the desktop default) or redis (worker services started with `npm run worker`, fed through BullMQ on CCA_REDIS_URL; needs CCA_AUTH=users for their worker tokens).',
    example: 'redis',
  }),
  redisUrl: def({
    label: 'Redis URL', env: 'CCA_REDIS_URL', schema: z.string().max(2048).refine((u) => u === '' || /^rediss?:\/\//.test(u), 'must be a redis:// or rediss:// URL'), default: '', group: 'queue', editable: false, restart: true,
    description: 'With CCA_QUEUE=redis: the Redis server the API and the workers share (BullMQ). A password goes in the URL (redis://:secret@host:6379).',
    example: 'redis://127.0.0.1:6379',
  }),
  maxAttempts: def({
    label: 'Maximum attempts', env: 'CCA_MAX_ATTEMPTS', schema: int(1, 50), default: 6, group: 'queue', editable: true,
    description: 'Attempts per step for transient failures (network, 429, 5xx, timeouts) before the step fails.',
    example: '6',
  }),
  monthlyBudgetUsd: def({
    label: 'Monthly budget (USD)', env: 'CCA_MONTHLY_BUDGET_USD', schema: z.number().min(0).max(1_000_000), default: 0, group: 'providers', editable: true,
    description: 'Provider spending this calendar month (UTC) at which transcription and analysis pause, waiting, until the budget is raised or the month ends. 0: no budget.',
    example: '50',
  }),
  requestTimeoutSec: def({
    label: 'Request timeout (s)', env: 'CCA_REQUEST_TIMEOUT_SEC', schema: int(5, 3600), default: 300, group: 'queue', editable: true,
    description: 'Timeout of one provider request.', example: '300',
  }),
  keyterms: def({
    label: 'Key terms', env: 'CCA_KEYTERMS', schema: z.array(z.string().min(1).max(50)).max(100), default: [], group: 'providers', editable: true,
    description: 'Workspace vocabulary (product and agent names) sent to transcription as key terms. Env: comma-separated.',
    example: 'Northwind,Dana',
  }),
  transcriptQualityMin: def({
    label: 'Transcript quality threshold', env: 'CCA_TRANSCRIPT_QUALITY_MIN', schema: int(0, 100), default: 60, group: 'general', editable: true,
    description: 'Transcript quality score (0–100) below which a call\'s scorecard is labelled low-confidence and the call waits for a person\'s review before its score counts. 0 turns the gate off.',
    example: '60',
  }),
  callLanguage: def({
    label: 'Language of the calls', env: 'CCA_CALL_LANGUAGE', schema: z.string().max(40), default: '', group: 'general', editable: true,
    description: 'The language calls are expected in (en, eng, english, es…). A transcript in another language lowers its quality score. Empty: no language check.',
    example: 'en',
  }),
  unsupportedAnswers: def({
    label: 'AI answers without evidence', env: 'CCA_UNSUPPORTED_ANSWERS', schema: z.enum(['show', 'needs_review']), default: 'show', group: 'general', editable: true,
    description: 'show: answers the AI gave with no verified evidence are marked unsupported on the scorecard. needs_review: a call with any also waits for a person\'s review before its score counts.',
    example: 'needs_review',
  }),
  redactOnScreen: def({
    label: 'Hide personal data on screen', env: 'CCA_REDACT_ON_SCREEN', schema: z.boolean(), default: false, group: 'privacy', editable: true,
    description: 'Mask the redacted PII categories in the transcript, search snippets and the Personal data panel on screen (screens are shared in calibration sessions). Each window can flip it with the sidebar toggle; revealing one finding is audited.',
    example: 'true',
  }),
  redactCategories: def({
    label: 'Redacted PII categories', env: 'CCA_REDACT_CATEGORIES', schema: z.array(z.enum(piiCategories)), default: [...piiCategories], group: 'privacy', editable: true,
    description: `PII categories masked in transcripts shown with redaction and in every export. Env: comma-separated of ${piiCategories.join(', ')}.`,
    example: 'card_number,cvv',
  }),
} as const;

export type SettingKey = keyof typeof settingDefs;
export type Settings = { [K in SettingKey]: z.output<(typeof settingDefs)[K]['schema']> };
export const settingKeys = Object.keys(settingDefs) as SettingKey[];

/** Zod object of all settings (each already defaulted by the loader). */
export const SettingsSchema = z.object(
  Object.fromEntries(settingKeys.map((k) => [k, settingDefs[k].schema])) as {
    [K in SettingKey]: (typeof settingDefs)[K]['schema'];
  },
);

export const editableSettingKeys = settingKeys.filter((k) => settingDefs[k].editable);
/** A partial update of the editable settings, as the API accepts it. */
export const SettingsUpdate = SettingsSchema.pick(
  Object.fromEntries(editableSettingKeys.map((k) => [k, true])) as { [K in SettingKey]?: true },
).partial().strict();

export const SettingSource = z.enum(['default', 'profile', 'file', 'env']);
export type SettingSource = z.infer<typeof SettingSource>;

export const secretNames = ['OPENAI_API_KEY', 'ELEVENLABS_API_KEY'] as const;
export const SecretName = z.enum(secretNames);
export type SecretName = z.infer<typeof SecretName>;

export const SettingsView = z.object({
  values: SettingsSchema,
  sources: z.record(z.string(), SettingSource),
  /** Settings set by an env var cannot be changed from the UI (the env var would win on restart). */
  locked: z.array(z.string()),
  secrets: z.array(z.object({ name: SecretName, configured: z.boolean(), source: z.enum(['env', 'store', 'none']) })),
  configFile: z.string(),
});
export type SettingsView = z.infer<typeof SettingsView>;
