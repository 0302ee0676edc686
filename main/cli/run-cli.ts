import { ConfigError, EXIT_CONFIG } from '../config/config-error.js';
import { isAppError } from '../errors.js';

/** Bad arguments: the message, then the command's usage, exit 2. */
export class UsageError extends Error {}

/**
 * The command-line tools' one way out: usage errors print the usage (exit 2), configuration errors
 * their message (EXIT_CONFIG), app errors message and hint (exit 1); anything else is a crash.
 */
export async function runCli(usage: string, run: (argv: string[]) => Promise<void>): Promise<void> {
  try {
    await run(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message ? `${e.message}\n\n` : ''}${usage}\n`);
      process.exit(2);
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    if (isAppError(e)) {
      process.stderr.write(`${e.message}\n${e.hint}\n`);
      process.exit(1);
    }
    throw e;
  }
}
