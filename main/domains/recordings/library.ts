import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { copyFile as fsCopyFile, link, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AudioContainer } from '../../audio/sniff.js';
import { AppError } from '../../errors.js';

/**
 * The managed library: `<libraryDir>/<sha[0..2]>/<sha256>.<ext>`, one file per distinct content.
 * Writes go to `<libraryDir>/.partial/` first and are renamed into place only when complete and
 * fsynced, so a crash mid-copy leaves at most a temp file in .partial (swept at the next start) and
 * never a half recording under its final name.
 */

/** Copies `src` to `dest` (tests inject a failing writer to simulate a full disk). */
export type CopyFn = (src: string, dest: string) => Promise<void>;

const EXT: Record<AudioContainer, string> = {
  wav: 'wav', mp3: 'mp3', mp4: 'm4a', ogg: 'ogg', flac: 'flac', webm: 'webm', matroska: 'mka', aac: 'aac',
  amr: 'amr', caf: 'caf', aiff: 'aiff', au: 'au', asf: 'wma',
};
export const extensionFor = (container: string): string => EXT[container as AudioContainer] ?? 'bin';

export class Library {
  readonly partialDir: string;
  /**
   * True with the default copy: the import's worker copies the file into .partial while hashing it
   * (one read per file) and the library only renames it in (`adopt`). An injected CopyFn (tests
   * simulating a full disk or a slow copy) goes through `store` instead.
   */
  readonly copiesInWorker: boolean;
  private readonly copy: CopyFn;
  private readonly shards = new Set<string>();
  private partialReady = false;

  constructor(readonly dir: string, copy?: CopyFn) {
    this.partialDir = join(dir, '.partial');
    this.copiesInWorker = !copy;
    this.copy = copy ?? ((s, d) => fsCopyFile(s, d));
  }

  /**
   * Remove temp files left by a crash or a killed import. Synchronous on purpose: it runs once at
   * start-up, before any import can be staging files in the same folder.
   */
  sweep(): number {
    let names: string[];
    try {
      names = readdirSync(this.partialDir);
    } catch {
      return 0;
    }
    for (const n of names) rmSync(join(this.partialDir, n), { recursive: true, force: true });
    return names.length;
  }

  /** A fresh temp path inside the library volume (uploads stream here, so moving them in is a rename). */
  async tempPath(suffix = ''): Promise<string> {
    if (!this.partialReady) await mkdir(this.partialDir, { recursive: true });
    this.partialReady = true; // once, not once per file of a 1,000-file batch (see forgetFolders)
    return join(this.partialDir, `${randomUUID()}${suffix}`);
  }

  /** A write into the library failed with ENOENT (a folder removed under us): make folders again next time. */
  forgetFolders(): void {
    this.partialReady = false;
    this.shards.clear();
  }

  /**
   * Rename a complete, fsynced copy made by the import worker (`tmp` in .partial) to its final name.
   * `copiedBytes` must equal the size probed. `tmp` is gone afterwards whatever happens.
   */
  async adopt(tmp: string, sha256: string, container: string, sizeBytes: number, copiedBytes: number): Promise<{ path: string; created: boolean }> {
    const final = this.finalPath(sha256, container);
    let renamed = false;
    try {
      if (copiedBytes !== sizeBytes) {
        throw new AppError('storage', `The copy of the recording is ${copiedBytes} bytes instead of ${sizeBytes}.`,
          'The original may have changed while it was being imported. Try again once it is no longer being written.');
      }
      // No check for a file already at `final`: names are content hashes and rename is atomic, so
      // replacing one (left by a crash before its row was written) changes nothing.
      await this.ensureShard(dirname(final));
      try {
        await rename(tmp, final);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        this.shards.delete(dirname(final)); // the shard folder was removed since: make it again
        await this.ensureShard(dirname(final));
        await rename(tmp, final);
      }
      renamed = true;
      return { path: final, created: true };
    } catch (e) {
      throw libraryError(e, this.dir);
    } finally {
      if (!renamed) await rm(tmp, { force: true });
    }
  }

  private async ensureShard(dir: string): Promise<void> {
    if (this.shards.has(dir)) return;
    await mkdir(dir, { recursive: true });
    this.shards.add(dir);
  }

  finalPath(sha256: string, container: string): string {
    return join(this.dir, sha256.slice(0, 2), `${sha256}.${extensionFor(container)}`);
  }

  /**
   * Put `src` into the library under its hash. `move` is for files already in .partial (uploads):
   * renamed, not copied. Returns the final path and whether this call created it.
   */
  async store(src: string, sha256: string, container: string, sizeBytes: number, mode: 'copy' | 'move'): Promise<{ path: string; created: boolean }> {
    const final = this.finalPath(sha256, container);
    try {
      const existing = await stat(final).catch(() => null);
      // A file left by an import that crashed after the rename but before its row was written.
      if (existing && existing.size === sizeBytes) {
        if (mode === 'move') await rm(src, { force: true });
        return { path: final, created: false };
      }
      if (mode === 'move') {
        await mkdir(dirname(final), { recursive: true });
        await fsyncFile(src);
        await rename(src, final);
        return { path: final, created: true };
      }
      const tmp = await this.tempPath(`.${extensionFor(container)}`);
      try {
        await this.copy(src, tmp);
        const copied = await stat(tmp);
        if (copied.size !== sizeBytes) {
          throw new AppError('storage', `The copy of the recording is ${copied.size} bytes instead of ${sizeBytes}.`,
            'The original may have changed while it was being imported. Try again once it is no longer being written.');
        }
        await fsyncFile(tmp);
        await mkdir(dirname(final), { recursive: true });
        await rename(tmp, final);
      } finally {
        await rm(tmp, { force: true });
      }
      return { path: final, created: true };
    } catch (e) {
      throw libraryError(e, this.dir);
    }
  }

  /** Undo a store whose database row could not be written (no orphan file). */
  async discard(path: string): Promise<void> {
    await rm(path, { force: true });
  }
}

/** Hard-link when possible (same volume, instant), else copy: used to stage uploads next to the library. */
export async function linkOrCopy(src: string, dest: string): Promise<void> {
  try {
    await link(src, dest);
  } catch {
    await fsCopyFile(src, dest);
  }
}

async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Disk errors while filling the library, in the reviewer's words. A `copy_failed` error from the
 * import worker carries the errno code of the failed write and is worded like a local one.
 */
export function libraryError(e: unknown, dir: string): AppError {
  if (e instanceof AppError && e.details.reason !== 'copy_failed') return e;
  const code = e instanceof AppError ? (typeof e.details.code === 'string' ? e.details.code : undefined) : (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') {
    return new AppError('storage', 'The disk is full: the recording could not be copied into the library.',
      `Free some space on the disk holding ${dir} (or switch Settings → Import → Library mode to "reference"), then retry the failed files.`,
      { cause: e, details: { reason: 'disk_full' } });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('storage', `The library folder ${dir} cannot be written (${code}).`,
      'Give your user account write access to the library folder, or choose another one in Settings → Import.',
      { cause: e, details: { reason: 'library_readonly' } });
  }
  return new AppError('storage', `The recording could not be copied into the library (${code ?? 'disk error'}).`,
    'Check the disk holding the library folder, then retry the failed files.', { cause: e, details: { reason: 'library_io' } });
}
