// Regenerates README's settings table from the one settings definition
// (preload/contract/schemas/settings.ts): `npm run docs:settings`. A unit test fails when README is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingDefs, settingKeys } from '../preload/contract/schemas/settings.js';

export const BEGIN = '<!-- settings:begin -->';
export const END = '<!-- settings:end -->';

export function settingsTable(): string {
  const rows = settingKeys.map((k) => {
    const d = settingDefs[k];
    const def = Array.isArray(d.default) ? (d.default.length ? d.default.join(',') : '(empty)') : d.default === '' ? '(see text)' : String(d.default);
    return `| \`${d.env}\` | ${d.label} | \`${def}\` | ${d.editable ? 'yes' : 'no'} | ${d.description.replace(/\|/g, '\\|')} |`;
  });
  return [
    BEGIN,
    '| Env var | Setting | Default | In Settings view | What it does |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '| `OPENAI_API_KEY` | OpenAI API key | (none) | yes (write-only) | Key for OpenAI transcription and analysis. The env var wins over the stored key. |',
    '| `ELEVENLABS_API_KEY` | ElevenLabs API key | (none) | yes (write-only) | Key for ElevenLabs Speech-to-Text. The env var wins over the stored key. |',
    END,
  ].join('\n');
}

export function withTable(readme: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`README.md needs ${BEGIN} … ${END} markers`);
  return readme.slice(0, start) + settingsTable() + readme.slice(end + END.length);
}

if (process.argv[1]?.endsWith('settings-table.ts')) {
  const file = join(import.meta.dirname, '..', 'README.md');
  writeFileSync(file, withTable(readFileSync(file, 'utf8')));
  process.stdout.write('README.md settings table updated\n');
}
