import { existsSync, readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { redactUrlPassword } from '../util/redact-url.js';
import {
  secretNames,
  settingDefs,
  type SecretName,
  type SettingKey,
  type Settings,
  type SettingsView,
} from '../../preload/contract/schemas/settings.js';
import type { AuditDao } from '../../db/dao/audit-dao.js';
import type { Config } from '../config/load-config.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import { resolveSecret, type SecretStore } from '../secrets/secret-store.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/**
 * Reads and changes settings at run time. The live values are `config.settings` (mutated in place so
 * every module that holds the config sees changes); edits are persisted to <dataDir>/config.json.
 */
export class SettingsService {
  constructor(
    private readonly config: Config,
    private readonly secrets: SecretStore,
    private readonly bus: EventBus,
    private readonly audit: AuditDao,
    private readonly logger: Logger,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  view(): SettingsView {
    const { settings, sources, paths } = this.config;
    return {
      // The Redis URL may carry its password: the view shows it masked.
      values: { ...settings, redisUrl: redactUrlPassword(settings.redisUrl) },
      sources,
      locked: (Object.keys(sources) as SettingKey[]).filter((k) => sources[k] === 'env' || !settingDefs[k].editable),
      secrets: secretNames.map((name) => {
        const { source } = resolveSecret(this.secrets, name, this.env);
        return { name, configured: source !== 'none', source };
      }),
      configFile: paths.configFile,
    };
  }

  secret(name: SecretName): string | undefined {
    return resolveSecret(this.secrets, name, this.env).value;
  }

  update(patch: Partial<Settings>, actor: string): SettingsView {
    const keys = Object.keys(patch) as SettingKey[];
    const envLocked = keys.filter((k) => this.config.sources[k] === 'env');
    if (envLocked.length) {
      const names = envLocked.map((k) => settingDefs[k].env).join(', ');
      throw new AppError('invalid_input', `${envLocked.join(', ')} ${envLocked.length > 1 ? 'are' : 'is'} set by the environment (${names}).`,
        `Unset ${names} and restart the app to change ${envLocked.length > 1 ? 'them' : 'it'} here.`);
    }
    const file = this.readFile();
    const old: Partial<Settings> = {};
    for (const k of keys) {
      (old as Record<string, unknown>)[k] = this.config.settings[k];
      (file)[k] = patch[k];
    }
    writeFileAtomic(this.config.paths.configFile, `${JSON.stringify(file, null, 2)}\n`);
    Object.assign(this.config.settings, patch);
    for (const k of keys) this.config.sources[k] = 'file';
    if (patch.logLevel) this.logger.level = patch.logLevel;
    this.audit.record({ actor, entity: 'settings', entityId: 'app', action: 'update', oldValue: old, newValue: patch });
    this.logger.info({ keys }, 'settings updated');
    return this.changed();
  }

  setSecret(name: SecretName, value: string, actor: string): SettingsView {
    if (value.trim()) this.secrets.set(name, value.trim());
    else this.secrets.delete(name);
    // Never the value: only that it changed.
    this.audit.record({ actor, entity: 'secret', entityId: name, action: value.trim() ? 'set' : 'delete' });
    this.logger.info({ secret: name, action: value.trim() ? 'set' : 'delete' }, 'secret changed');
    return this.changed();
  }

  private changed(): SettingsView {
    const view = this.view();
    this.bus.emit('settings.changed', view);
    return view;
  }

  private readFile(): Record<string, unknown> {
    const f = this.config.paths.configFile;
    return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>) : {};
  }
}
