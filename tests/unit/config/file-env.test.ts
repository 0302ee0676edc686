import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../main/config/config-error.js';
import { applyFileEnv } from '../../../main/config/file-env.js';
import { loadConfig } from '../../../main/config/load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'cca-file-env-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('<NAME>_FILE variables (container secrets)', () => {
  it('reads CCA_* settings and provider keys from files, dropping one trailing newline', () => {
    const env: NodeJS.ProcessEnv = {
      CCA_REDIS_URL_FILE: file('redis', 'redis://:s3cret@redis:6379\n'),
      OPENAI_API_KEY_FILE: file('openai', 'sk-test-123\n'),
      CCA_WORKER_TOKEN_FILE: file('token', 'cca_wkr_abc'),
      CCA_QUEUE: 'redis',
    };
    applyFileEnv(env);
    expect(env.CCA_REDIS_URL).toBe('redis://:s3cret@redis:6379');
    expect(env.OPENAI_API_KEY).toBe('sk-test-123');
    expect(env.CCA_WORKER_TOKEN).toBe('cca_wkr_abc');
    // And the configuration sees them like any variable.
    expect(loadConfig({ ...env, CCA_DATA_DIR: dir }).settings.redisUrl).toBe('redis://:s3cret@redis:6379');
  });

  it('leaves other *_FILE variables alone (not ours)', () => {
    const env: NodeJS.ProcessEnv = { HISTFILE_FILE: '/nonexistent', SOME_TOOL_FILE: '/nonexistent' };
    applyFileEnv(env);
    expect(env).toEqual({ HISTFILE_FILE: '/nonexistent', SOME_TOOL_FILE: '/nonexistent' });
  });

  it('refuses both NAME and NAME_FILE, and a file that is missing or unreadable, naming the variable', () => {
    const both = () => applyFileEnv({ ELEVENLABS_API_KEY: 'x', ELEVENLABS_API_KEY_FILE: file('el', 'y') });
    expect(both).toThrow(ConfigError);
    expect(both).toThrow(/ELEVENLABS_API_KEY_FILE.*conflicts with ELEVENLABS_API_KEY.*set either/);
    expect(() => applyFileEnv({ CCA_TLS_KEY_FILE: join(dir, 'missing.pem') })).toThrow(/CCA_TLS_KEY_FILE.*does not exist/);
    if (process.getuid?.() !== 0) {
      const locked = file('locked', 'k');
      chmodSync(locked, 0o000);
      expect(() => applyFileEnv({ CCA_PUBLIC_URL_FILE: locked })).toThrow(/CCA_PUBLIC_URL_FILE.*cannot be read/);
    }
  });
});
