import { readFileSync } from 'node:fs';
import { secretNames } from '../../preload/contract/schemas/settings.js';
import { ConfigError } from './config-error.js';

/** Variables that may come from a file: every CCA_* one and the provider keys. */
const fileable = (name: string) => name.startsWith('CCA_') || (secretNames as readonly string[]).includes(name);

/**
 * `<NAME>_FILE=/path`: the variable's value is the file's content (one trailing newline dropped) — the
 * way container platforms hand out secrets (/run/secrets/…), so keys, the Redis password in its URL,
 * a worker token never sit in an environment listing. Applied once when a process starts, into its
 * environment, so every reader sees the value. Setting both NAME and NAME_FILE, or naming a file that
 * cannot be read, stops start-up naming the variable (exit 78).
 */
export function applyFileEnv(env: NodeJS.ProcessEnv = process.env): void {
  for (const [key, path] of Object.entries(env)) {
    if (!key.endsWith('_FILE') || path === undefined || path === '') continue;
    const name = key.slice(0, -'_FILE'.length);
    if (!fileable(name)) continue;
    if (env[name] !== undefined && env[name] !== '') {
      throw new ConfigError(key, JSON.stringify(path), `conflicts with ${name}, which is set too`, `set either ${name} or ${key}, not both`);
    }
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'names a file that does not exist' : `names a file that cannot be read (${(e as Error).message})`;
      throw new ConfigError(key, JSON.stringify(path), why, `mount the file at that path (readable by this process's user), or set ${name} directly`);
    }
    env[name] = text.replace(/\r?\n$/, '');
  }
}
