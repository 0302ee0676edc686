import pino, { type Logger } from 'pino';
import roll from 'pino-roll';
import { join } from 'node:path';
import type { Config } from '../config/load-config.js';
import { activeTraceIds } from '../observability/tracing.js';
import { scrubSecrets } from '../util/scrub-secrets.js';

export type { Logger };

/**
 * Log paths that may hold secrets. pino replaces them before the line is serialised, so an API key
 * cannot reach a log file even when a whole request or settings object is logged by mistake.
 */
export const redactPaths = [
  'apiKey', '*.apiKey', 'token', '*.token', 'authorization', '*.authorization', 'headers.authorization',
  '*.headers.authorization', 'headers["xi-api-key"]', '*.headers["xi-api-key"]', 'OPENAI_API_KEY',
  'ELEVENLABS_API_KEY', '*.OPENAI_API_KEY', '*.ELEVENLABS_API_KEY', 'value', 'secret', '*.secret',
];

/**
 * JSON lines into <dataDir>/logs/app.N.log, rotated by size, plus a pretty console (stderr, so the
 * ready line on stdout stays alone) in development. Every line about a recording carries
 * `recordingId` and `jobId`: use `logger.child({ recordingId, jobId })`.
 */
export async function createLogger(config: Config): Promise<Logger> {
  const { settings, paths } = config;
  const level = settings.logLevel;
  // Streams need a real level; 'silent' is expressed on the logger itself.
  const streamLevel = level === 'silent' ? 'fatal' : level;
  const file = await roll({
    file: join(paths.logsDir, 'app'),
    extension: '.log',
    size: `${settings.logMaxSizeMb}m`,
    limit: { count: settings.logMaxFiles },
    mkdir: true,
  });
  // A log file that cannot be opened or written (folder removed, disk full) must not take the app
  // down: an unhandled 'error' on the stream would. Say so once on stderr and keep running.
  let warned = false;
  (file as unknown as NodeJS.EventEmitter).on('error', (e: Error) => {
    if (warned) return;
    warned = true;
    process.stderr.write(`cca: cannot write the log file in ${paths.logsDir}: ${e.message}\n`);
  });
  const streams: pino.StreamEntry[] = [{ stream: file, level: streamLevel }];
  if (settings.profile === 'development') {
    const { default: pretty } = await import('pino-pretty');
    streams.push({ stream: pretty({ destination: 2, colorize: true, ignore: 'pid,hostname' }), level: streamLevel });
  }
  return pino(
    {
      level,
      base: { app: 'cca' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Inside a recorded span (tracing on), every line names its trace and span.
      mixin: activeTraceIds,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: {
        // Error messages and stacks can carry a key a provider echoed: scrub them on the way out.
        err: (e: Error) => {
          const out = pino.stdSerializers.err(e);
          return { ...out, message: scrubSecrets(out.message), stack: scrubSecrets(out.stack) };
        },
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    pino.multistream(streams),
  );
}

/** A logger that writes nothing (unit tests of modules that take a logger). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
