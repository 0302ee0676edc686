// The design's one hard boundary: only main/electron/ and preload/bridge.ts may import electron, so
// the core, the renderer, the db layer and the contract run (and are tested) without it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const scanned = ['main', 'renderer', 'db', 'preload'];
const allowed = (rel: string) => rel.startsWith('main/electron/') || rel === 'preload/bridge.ts';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(p));
    else if (/\.(c|m)?(t|j)sx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

// import … from 'electron' | 'electron/main' …, export … from, import('electron'), require('electron'),
// and bare `import 'electron'`.
const electronImport = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"]electron(?:\/[\w-]+)?['"]/;

function electronImporters(files: string[]): string[] {
  return files.filter((f) => electronImport.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f).split('\\').join('/'));
}

describe('electron import boundary', () => {
  it('the pattern catches every import form and ignores look-alikes', () => {
    const hits = [
      "import { app } from 'electron';",
      'import type { BrowserWindow } from "electron";',
      "import { ipcRenderer } from 'electron/renderer';",
      "export { shell } from 'electron';",
      "const e = await import('electron');",
      "const { app } = require('electron');",
      "import 'electron';",
    ];
    const misses = ["import x from 'electron-builder';", "// mode: 'electron'", "const kind = 'electron';", "import y from '@electron/get';"];
    for (const s of hits) expect(electronImport.test(s), s).toBe(true);
    for (const s of misses) expect(electronImport.test(s), s).toBe(false);
  });

  it(`only main/electron/ and preload/bridge.ts import electron (scanning ${scanned.join(', ')})`, () => {
    const files = scanned.flatMap((d) => sources(join(root, d)));
    expect(files.length).toBeGreaterThan(10);
    const offenders = electronImporters(files).filter((rel) => !allowed(rel));
    expect(offenders, 'move Electron-specific code to main/electron/ behind an interface the core defines').toEqual([]);
  });
});
