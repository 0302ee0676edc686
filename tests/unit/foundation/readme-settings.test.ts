import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingDefs, settingKeys } from '../../../preload/contract/schemas/settings.js';
import { withTable } from '../../../scripts/settings-table.js';

const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');

describe('README', () => {
  it('documents every setting (regenerate with `npm run docs:settings`)', () => {
    for (const k of settingKeys) expect(readme, settingDefs[k].env).toContain(`\`${settingDefs[k].env}\``);
    expect(withTable(readme)).toBe(readme);
  });

  it('gives the set-up and test commands', () => {
    for (const cmd of ['npm install', 'npm start', 'npm test', 'npm run serve']) expect(readme).toContain(cmd);
  });
});
