import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../main/config/config-error.js';
import { loadConfig } from '../../../main/config/load-config.js';
import { settingDefs, settingKeys } from '../../../preload/contract/schemas/settings.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'cca-config-'));
const load = (env: Record<string, string>) => loadConfig({ CCA_DATA_DIR: dataDir(), ...env });

function configError(env: Record<string, string>): ConfigError {
  try {
    load(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses defaults and reports their source', () => {
    const c = load({});
    expect(c.settings.port).toBe(0);
    expect(c.settings.libraryMode).toBe('copy');
    expect(c.sources.port).toBe('default');
    expect(c.paths.dbFile).toBe(join(c.settings.dataDir, 'cca.sqlite'));
    expect(c.paths.libraryDir).toBe(join(c.settings.dataDir, 'library'));
  });

  it('applies profile defaults, then the config file, then env vars', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ maxAttempts: 3, transcribeConcurrency: 7 }));
    const c = loadConfig({ CCA_DATA_DIR: dir, CCA_PROFILE: 'development', CCA_TRANSCRIBE_CONCURRENCY: '2' });
    expect(c.settings.logLevel).toBe('debug');
    expect(c.sources.logLevel).toBe('profile');
    expect(c.settings.maxAttempts).toBe(3);
    expect(c.sources.maxAttempts).toBe('file');
    expect(c.settings.transcribeConcurrency).toBe(2);
    expect(c.sources.transcribeConcurrency).toBe('env');
  });

  it('parses numbers, lists and enums from env text', () => {
    const c = load({ CCA_PORT: '8123', CCA_KEYTERMS: 'Northwind, Dana ,', CCA_REDACT_CATEGORIES: 'card_number,cvv', CCA_LIBRARY_MODE: 'reference' });
    expect(c.settings.port).toBe(8123);
    expect(c.settings.keyterms).toEqual(['Northwind', 'Dana']);
    expect(c.settings.redactCategories).toEqual(['card_number', 'cvv']);
    expect(c.settings.libraryMode).toBe('reference');
  });

  it.each([
    ['CCA_PORT', 'abc', /CCA_PORT \(port\): value "abc" is not a valid number/, /CCA_PORT=8765/],
    ['CCA_PORT', '70000', /value "70000" is above the maximum 65535/, /unset it to use the default \(0\)/],
    ['CCA_PORT', '-1', /is below the minimum 0/, /CCA_PORT=/],
    ['CCA_PORT', '1.5', /CCA_PORT/, /CCA_PORT=/],
    ['CCA_LOG_LEVEL', 'loud', /is not one of the allowed values \("trace", "debug", "info", "warn", "error", "fatal", "silent"\)/, /CCA_LOG_LEVEL=debug/],
    ['CCA_PROFILE', 'staging', /CCA_PROFILE \(profile\): value "staging" is not one of the allowed values/, /CCA_PROFILE=production/],
    ['CCA_OPENAI_BASE_URL', 'ftp://x', /CCA_OPENAI_BASE_URL.*must be an http/, /CCA_OPENAI_BASE_URL=http/],
    ['CCA_REDACT_CATEGORIES', 'card_number,shoe_size', /CCA_REDACT_CATEGORIES.*at item 1/, /CCA_REDACT_CATEGORIES=card_number,cvv/],
    ['CCA_FILENAME_PATTERN', 'x'.repeat(201), /is too long \(maximum 200\)/, /CCA_FILENAME_PATTERN=/],
  ])('%s=%s is refused with the setting, value, rule and fix', (env, value, rule, fix) => {
    const e = configError({ [env]: value });
    expect(e.message).toMatch(/^Invalid setting /);
    expect(e.message).toMatch(rule);
    expect(e.message).toMatch(/Fix: /);
    expect(e.fix).toMatch(fix);
  });

  it('refuses an invalid config file with its path', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'config.json'), '{ not json');
    expect(() => loadConfig({ CCA_DATA_DIR: dir })).toThrow(/config\.json.*not valid JSON/);
  });

  it('refuses unknown keys and bad values in the config file', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ colour: 'blue' }));
    expect(() => loadConfig({ CCA_DATA_DIR: dir })).toThrow(/colour .* is not a setting/);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ maxAttempts: 0 }));
    const e = (() => { try { loadConfig({ CCA_DATA_DIR: dir }); } catch (err) { return err as ConfigError; } return null; })();
    expect(e?.setting).toMatch(/^maxAttempts \(in .*config\.json\)$/);
    expect(e?.message).toMatch(/is below the minimum 1/);
  });

  it('every setting has a CCA_ env name, a description, an example that parses, and a valid default', () => {
    for (const key of settingKeys) {
      const d = settingDefs[key];
      expect(d.env).toMatch(/^CCA_[A-Z0-9_]+$/);
      expect(d.description.length).toBeGreaterThan(10);
      if (key !== 'dataDir') expect(d.schema.safeParse(d.default).success, key).toBe(true);
      expect(() => load({ [d.env]: d.example }), `${d.env}=${d.example}`).not.toThrow();
    }
  });
});
