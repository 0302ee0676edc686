// electron-builder.yml is only read when someone packages the app, which no test run does (the
// Electron binary may be absent): check it here against electron-builder's own JSON schema.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  electronVersion: string;
  asarUnpack: string[];
  files: string[];
  extraMetadata: { main: string };
};

describe('electron-builder.yml', () => {
  it('is valid for the installed electron-builder', () => {
    const schema = require('app-builder-lib/scheme.json') as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(config), ajv.errorsText(validate.errors)).toBe(true);
    expect(validate({ ...config, asarUnpacked: ['typo'] })).toBe(false); // the schema does reject mistakes
  });

  it('targets the Electron version the lockfile installs', () => {
    const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    expect(config.electronVersion).toMatch(/^39\.\d+\.\d+$/);
    expect(lock.packages['node_modules/electron']?.version).toBe(config.electronVersion);
  });

  it('starts the bundle scripts/build.mjs writes, and unpacks native code from the asar', () => {
    expect(config.extraMetadata.main).toBe('dist/electron/main.mjs');
    const build = readFileSync(resolve(root, 'scripts/build.mjs'), 'utf8');
    expect(build).toContain(`outfile: '${config.extraMetadata.main}'`);
    expect(config.files).toContain('dist/**/*');
    for (const pkg of ['better-sqlite3', '@ffmpeg-installer', '@ffprobe-installer']) {
      expect(config.asarUnpack.some((p) => p.includes(`node_modules/${pkg}/`)), pkg).toBe(true);
    }
  });
});
