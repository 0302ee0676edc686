import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Issue 12 item 5 / issue 31: the layer rules (.dependency-cruiser.cjs, an allow-list run by `npm run
 * lint`) must fail on a wrong import. A scratch tree with the app's folder names, deliberate offences
 * (an import no layer allows, including from a folder no rule knows) and allowed imports is cruised
 * with the real rule file; exactly the offences are reported. (`npm run lint` shows the real tree passes.)
 */
const repo = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'cca-layers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files: Record<string, string> = {
  'main/errors.ts': 'export class AppError extends Error {}\n',
  'main/core.ts': "export const core = 1;\n",
  'main/domains/calls/handlers.ts': "import { AppError } from '../../errors.js';\nimport { plain } from '../../util/plain.js';\nimport { score } from '../../analysis/score.js';\nexport const callHandlers = [AppError, plain, score];\n",
  'main/util/plain.ts': 'export const plain = 1;\n',
  'main/analysis/score.ts': "import { plain } from '../util/plain.js';\nexport const score = plain;\n",
  'main/text/words.ts': "import { callHandlers } from '../domains/calls/handlers.js';\nexport const words = callHandlers;\n",
  'main/newfolder/thing.ts': "import { plain } from '../util/plain.js';\nexport const thing = plain;\n",
  'db/dao/calls-dao.ts': "import { AppError } from '../../main/errors.js';\nimport { core } from '../../main/core.js';\nexport const dao = [AppError, core];\n",
  'main/jobs/runner.ts': "import { callHandlers } from '../domains/calls/handlers.js';\nexport const runner = callHandlers;\n",
  'main/exports/report.ts': "import { callHandlers } from '../domains/calls/handlers.js';\nexport const report = callHandlers;\n",
  'main/server/route.ts': "import { dao } from '../../db/dao/calls-dao.js';\nimport type { dao as D } from '../../db/dao/calls-dao.js';\nexport const route: typeof D = dao;\n",
  'main/util/uses-electron.ts': "import { app } from 'electron';\nexport const name = app;\n",
  'renderer/src/view.ts': "import { core } from '../../main/core.js';\nexport const view = core;\n",
  'main/a.ts': "import type { B } from './b.js';\nexport type A = { b?: B };\n",
  'main/b.ts': "import type { A } from './a.js';\nexport type B = { a?: A };\n",
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['main', 'db', 'renderer'] }),
  'node_modules/electron/package.json': JSON.stringify({ name: 'electron', main: 'index.js' }),
  'node_modules/electron/index.js': 'module.exports = {};\n',
};

describe('layer rules', () => {
  it('every rule names its deliberate offender; allowed imports pass', () => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    copyFileSync(join(repo, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
    const run = spawnSync(join(repo, 'node_modules', '.bin', 'depcruise'), ['main', 'db', 'renderer', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: dir, encoding: 'utf8' });
    const { summary } = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
    const found = summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
    expect(found).toEqual([
      'electron-only-in-main-electron: main/util/uses-electron.ts → node_modules/electron/index.js',
      'no-circular: main/a.ts → main/b.ts',
      'not-in-allowed: db/dao/calls-dao.ts → main/core.ts',
      'not-in-allowed: main/exports/report.ts → main/domains/calls/handlers.ts',
      'not-in-allowed: main/jobs/runner.ts → main/domains/calls/handlers.ts',
      'not-in-allowed: main/newfolder/thing.ts → main/util/plain.ts',
      'not-in-allowed: main/server/route.ts → db/dao/calls-dao.ts',
      'not-in-allowed: main/text/words.ts → main/domains/calls/handlers.ts',
      'not-in-allowed: renderer/src/view.ts → main/core.ts',
    ]);
  });
});
