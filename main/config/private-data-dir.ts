import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data folder holds call audio, transcripts with personal data, keys and the API token: no other
 * local user may read it. Entries (the Electron and browser-mode mains, not the core, so tests that
 * read fixtures as another user keep their own umask) call this before anything is created:
 * the process umask becomes 077 so every file this process writes is 0600 and every folder 0700, and
 * a folder left readable by an earlier version is tightened. Returns the paths it tightened, so the
 * caller can log them once a logger exists.
 */
export function makeDataDirPrivate(dataDir: string): string[] {
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const tightened: string[] = [];
  const walk = (path: string): void => {
    const st = lstatSync(path, { throwIfNoEntry: false });
    // Symlinks are left alone: a reference-mode library or a linked folder belongs to its owner.
    if (!st || st.isSymbolicLink() || (!st.isDirectory() && !st.isFile())) return;
    const want = st.isDirectory() ? 0o700 : 0o600;
    if ((st.mode & 0o777 & ~want) !== 0) {
      chmodSync(path, want & st.mode);
      tightened.push(path);
    }
    if (st.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dataDir);
  return tightened;
}
