import { rmSync } from 'node:fs';
import { applyFileEnv } from '../config/file-env.js';
import { loadConfig } from '../config/load-config.js';
import { ConfigError, EXIT_CONFIG } from '../config/config-error.js';
import { checkQueueTransport, checkServerBinding } from '../config/network-rules.js';
import { buildCore, type Core } from '../core.js';
import { isAppError } from '../errors.js';
import { makeDataDirPrivate } from '../config/private-data-dir.js';
import { startServer, type RunningServer } from './start-server.js';
import { httpRoutes } from './http-routes.js';

/**
 * Browser-mode entry (`npm run serve`): build the core, serve it on 127.0.0.1, print one ready line
 * with the URL (token in the fragment, which browsers never send to servers), stop on SIGINT/SIGTERM.
 * Never opens a browser and never starts Electron.
 */
async function main(): Promise<void> {
  let config;
  try {
    applyFileEnv();
    config = loadConfig();
    checkServerBinding(config.settings);
    checkQueueTransport(config.settings);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw e;
  }
  const tightened = makeDataDirPrivate(config.paths.dataDir);
  let core: Core;
  try {
    core = await buildCore({ config, mode: 'browser' });
  } catch (e) {
    if (isAppError(e)) {
      process.stderr.write(`Cannot start: ${e.message}\n${e.hint}\n`);
      process.exit(1);
    }
    throw e;
  }
  if (tightened.length) core.logger.warn({ dataDir: config.paths.dataDir, tightened: tightened.length, sample: tightened.slice(0, 5) }, 'data folder was readable by other users: made it private (folders 0700, files 0600)');
  let server: RunningServer;
  try {
    server = await startServer(core, { port: config.settings.port, host: config.settings.host, rawRoutes: httpRoutes });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(code === 'EADDRINUSE'
      ? `Cannot start: port ${config.settings.port} is in use. Set CCA_PORT to another port, or 0 for any free port.\n`
      : `Cannot start the server: ${(e as Error).message}\n`);
    await core.close();
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    core.logger.info({ signal }, 'stopping');
    await server.close();
    rmSync(config.paths.tokenFile, { force: true });
    await core.close();
    process.exit(0);
  };
  // Handlers go in before the ready line: a script may send SIGINT the instant it reads the line,
  // and the kernel's default action (terminate, no cleanup) applies until a handler exists.
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Closing the terminal sends SIGHUP: stop as cleanly as Ctrl-C (token removed, database closed).
  process.on('SIGHUP', () => void stop('SIGHUP'));
  process.stdout.write(`Call Center QA (browser mode) ready at ${server.url}\n`);
}

void main();
