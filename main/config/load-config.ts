import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import {
  settingDefs,
  settingKeys,
  type SettingKey,
  type Settings,
  type SettingSource,
} from '../../preload/contract/schemas/settings.js';
import { ConfigError } from './config-error.js';
import { defaultDataDir } from './default-data-dir.js';

export interface Config {
  settings: Settings;
  sources: Record<SettingKey, SettingSource>;
  /** Absolute paths derived from settings. */
  paths: { dataDir: string; configFile: string; logsDir: string; dbFile: string; libraryDir: string; tokenFile: string };
}

/** Per-profile defaults that differ from the table's defaults. */
const profileDefaults: Record<Settings['profile'], Partial<Settings>> = {
  development: { logLevel: 'debug' },
  test: { logLevel: 'warn', dbSlowQueryMs: 1000 },
  production: {},
};

export const CONFIG_FILE_NAME = 'config.json';

/**
 * Build the configuration: table defaults < profile defaults < <dataDir>/config.json < CCA_* env vars.
 * Any bad value throws a ConfigError naming the setting, the value seen, the rule, and the fix.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const sources = {} as Record<SettingKey, SettingSource>;
  const raw: Record<string, unknown> = {};

  const profile = parseSetting('profile', env.CCA_PROFILE ?? settingDefs.profile.default, 'env');
  for (const key of settingKeys) {
    raw[key] = settingDefs[key].default;
    sources[key] = 'default';
  }
  for (const [key, value] of Object.entries(profileDefaults[profile])) {
    raw[key] = value;
    sources[key as SettingKey] = 'profile';
  }

  const dataDir = resolve(env.CCA_DATA_DIR?.trim() || defaultDataDir(env));
  const configFile = join(dataDir, CONFIG_FILE_NAME);
  for (const [key, value] of Object.entries(readConfigFile(configFile))) {
    raw[key] = parseSetting(key as SettingKey, value, 'file', configFile);
    sources[key as SettingKey] = 'file';
  }
  for (const key of settingKeys) {
    const text = env[settingDefs[key].env];
    if (text === undefined || text === '') continue;
    raw[key] = parseSetting(key, text, 'env');
    sources[key] = 'env';
  }
  raw.profile = profile;
  raw.dataDir = dataDir;

  const settings = raw as Settings;
  return { settings, sources, paths: derivePaths(settings) };
}

export function derivePaths(settings: Settings): Config['paths'] {
  const dataDir = settings.dataDir;
  return {
    dataDir,
    configFile: join(dataDir, CONFIG_FILE_NAME),
    logsDir: join(dataDir, 'logs'),
    dbFile: join(dataDir, 'cca.sqlite'),
    libraryDir: settings.libraryDir ? resolve(settings.libraryDir) : join(dataDir, 'library'),
    tokenFile: join(dataDir, 'api-token'),
  };
}

function readConfigFile(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(file, '(unreadable)', `is not valid JSON (${(e as Error).message})`,
      `correct the file or delete it to use defaults`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(file, JSON.stringify(parsed), 'must be a JSON object of settings', 'write {"logLevel": "info"} style content');
  }
  for (const key of Object.keys(parsed)) {
    if (!(key in settingDefs) || key === 'dataDir' || key === 'profile') {
      throw new ConfigError(`${key} (in ${file})`, JSON.stringify((parsed as Record<string, unknown>)[key]),
        'is not a setting that can be set in the config file',
        `remove it; known settings: ${settingKeys.filter((k) => k !== 'dataDir' && k !== 'profile').join(', ')}`);
    }
  }
  return parsed as Record<string, unknown>;
}

/** Parse one value (env text or config-file JSON) for a setting, or throw a ConfigError. */
export function parseSetting<K extends SettingKey>(
  key: K,
  value: unknown,
  from: 'env' | 'file',
  file?: string,
): Settings[K] {
  const d = settingDefs[key];
  const schema = d.schema as z.ZodType;
  const input = from === 'env' && typeof value === 'string' ? fromEnvText(schema, value) : value;
  const result = schema.safeParse(input);
  if (result.success) return result.data as Settings[K];
  const issue = result.error.issues[0];
  const name = from === 'env' ? `${d.env} (${key})` : `${key} (in ${file})`;
  const fix = from === 'env'
    ? `set ${d.env} to a valid value, e.g. ${d.env}=${d.example}, or unset it to use the default (${JSON.stringify(d.default)})`
    : `change "${key}" in ${file}, e.g. "${key}": ${JSON.stringify(exampleValue(schema, d.example))}, or remove it to use the default`;
  throw new ConfigError(name, JSON.stringify(value), describeRule(issue), fix);
}

/** Env vars are text: turn them into the type the schema expects before validating. */
function fromEnvText(schema: z.ZodType, text: string): unknown {
  const type = schema.def.type;
  if (type === 'number') return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text;
  if (type === 'boolean') return /^(1|true|yes|on)$/i.test(text) ? true : /^(0|false|no|off)$/i.test(text) ? false : text;
  if (type === 'array') return text.split(',').map((s) => s.trim()).filter(Boolean);
  return text.trim();
}

function exampleValue(schema: z.ZodType, example: string): unknown {
  return fromEnvText(schema, example);
}

function describeRule(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'is invalid';
  // For list settings, say which item is wrong ("at item 1" = the second entry).
  const where = issue.path.length ? ` at item ${issue.path.join('.')}` : '';
  switch (issue.code) {
    case 'invalid_value':
      return `is not one of the allowed values${where} (${issue.values.map((v) => JSON.stringify(v)).join(', ')})`;
    case 'invalid_type':
      return `is not a valid ${issue.expected}${where}`;
    case 'too_small':
      return issue.origin === 'number' ? `is below the minimum ${issue.minimum}${where}` : `is too short${where} (minimum ${issue.minimum})`;
    case 'too_big':
      return issue.origin === 'number' ? `is above the maximum ${issue.maximum}${where}` : `is too long${where} (maximum ${issue.maximum})`;
    default:
      return `is invalid${where}: ${issue.message}`;
  }
}
