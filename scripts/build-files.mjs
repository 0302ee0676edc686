// File operations of scripts/build.mjs that never leave a reader of dist/ without a file: write beside
// the target and rename over it, and only when the bytes differ (an unchanged file keeps its inode and
// mtime, so a server mid-read and the renderer's up-to-date check are both undisturbed).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Write `contents` to `path` atomically, unless the file already holds exactly these bytes. */
export function writeIfChanged(path, contents) {
  const bytes = typeof contents === 'string' ? Buffer.from(contents) : Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength);
  if (existsSync(path) && readFileSync(path).equals(bytes)) return false;
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, path);
  return true;
}

/** Every file under `dir`, as paths relative to it. */
export function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

/**
 * Make `target` hold what `source` holds: changed files renamed in (those named in `last` after the
 * rest), then files no longer produced removed. Names in `keep` are the build's own and stay.
 */
export function syncFolder(source, target, { last = [], keep = [] } = {}) {
  const files = listFiles(source);
  const ordered = [...files.filter((f) => !last.includes(f)), ...files.filter((f) => last.includes(f))];
  for (const f of ordered) writeIfChanged(join(target, f), readFileSync(join(source, f)));
  const produced = new Set([...files, ...keep]);
  for (const f of listFiles(target)) {
    // Another build's temporary file is its own to rename; leave it.
    if (!produced.has(f) && !f.endsWith('.tmp')) rmSync(join(target, f), { force: true });
  }
}
