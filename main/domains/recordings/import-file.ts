import { realpath, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { SourcesListener } from '../../../db/dao/call-projection-dao.js';
import type { RecordingsDao } from '../../../db/dao/recordings-dao.js';
import type { CallMetadata, ImportFileResult } from '../../../preload/contract/schemas/recordings.js';
import type { EventBus } from '../../events/event-bus.js';
import { type AppError, isAppError, toErrorInfo } from '../../errors.js';
import { libraryError, type Library } from './library.js';
import type { Announcer } from './announcer.js';
import type { BatchOrder } from './batch-order.js';
import type { ProbePool } from './probe-pool.js';

/**
 * One file through the import: probe + hash, and in copy mode the copy into .partial made while
 * hashing (worker thread) → dedupe (this batch, then the database) → library (rename/move, atomic)
 * → one row → `recording.imported` (announcer.ts). Any failure becomes this file's
 * result; nothing thrown here stops the batch. Order matters for crash safety: the row is written only
 * after the audio is complete under its final name, and a row that cannot be written removes the
 * file it just placed, so there is never a row without audio or a half file.
 */

export interface FileToImport {
  path: string;
  fileName: string;
  /** Size when already known (folder expansion, upload): saves a stat. */
  sizeBytes?: number;
  /** An upload staged in the library's .partial folder: moved in, never referenced in place. */
  staged?: boolean;
  /** SHA-256 already computed (an upload hashed while it streamed to disk). */
  sha256?: string;
}

export interface BatchContext {
  dao: RecordingsDao;
  calls: SourcesListener;
  bus: EventBus;
  logger: Logger;
  pool: ProbePool;
  library: Library;
  libraryMode: 'copy' | 'reference';
  maxBytes: number;
  /** Metadata for a file name (pattern + sidecar), with where each field came from. */
  metadataFor(fileName: string): { values: Partial<CallMetadata>; sources: Record<string, string> };
  /** sha256 → the first file of this batch with that content (its recording id once known). */
  seen: Map<string, { fileName: string; done: Promise<number | null> }>;
  /** Sends `recording.imported` to the queue (held back until the batch is in, see announcer.ts). */
  announcer: Announcer;
  /** Keeps `seen` in the order the files were given (see batch-order.ts). */
  order: BatchOrder;
  /** Runs once the row exists, before the pipeline starts (stores a transcript dropped with the file). */
  afterInsert?: (recordingId: number, file: FileToImport) => void;
}

/** `index`: the file's place in the batch (files must be started in that order). */
export async function importFile(file: FileToImport, ctx: BatchContext, index: number): Promise<ImportFileResult> {
  const base: ImportFileResult = { fileName: file.fileName, ok: false, ...(file.staged ? {} : { sourcePath: file.path }) };
  let settle: (id: number | null) => void = () => {};
  // Copy mode: the worker copies the file into .partial while hashing it (one read), fsynced; it is
  // renamed into the library below, or removed (duplicate, failure) in `finally`.
  let tmp: string | null = null;
  const ordered = ctx.order.start(index, file.path, file.sizeBytes);
  try {
    if (!file.staged && ctx.libraryMode === 'copy' && ctx.library.copiesInWorker) tmp = await ctx.library.tempPath('.part');
    const { probe, sha256, copiedBytes } = await ctx.pool.probeAndHash(file.path, {
      maxBytes: ctx.maxBytes,
      ...(tmp ? { copyTo: tmp } : {}),
      ...(file.sha256 ? { sha256: file.sha256 } : {}),
    });
    await ctx.order.earlierClaimed(index, probe.sizeBytes);

    const earlier = ctx.seen.get(sha256);
    if (earlier) {
      const id = await earlier.done;
      if (id !== null) {
        return {
          ...base, duplicateOf: id, durationSec: probe.durationSec,
          error: {
            category: 'invalid_input',
            message: `"${file.fileName}" has the same content as "${earlier.fileName}" earlier in this import, so it was not added twice.`,
            hint: 'Nothing to do: the recording is imported once. Remove the extra copy from the folder if it was a mistake.',
          },
        };
      }
    }
    ctx.seen.set(sha256, { fileName: file.fileName, done: new Promise((r) => (settle = r)) });
    ordered.claimed();

    const existing = ctx.dao.findBySha(sha256);
    if (existing) {
      settle(existing.id);
      return duplicateOfLibrary(base, existing, probe.durationSec);
    }

    let audioPath: string;
    let createdFile = false;
    if (ctx.libraryMode === 'reference' && !file.staged) {
      audioPath = await realpath(file.path);
    } else if (tmp) {
      const copied = tmp;
      tmp = null; // adopt renames or removes it
      const stored = await ctx.library.adopt(copied, sha256, probe.container, probe.sizeBytes, copiedBytes ?? -1);
      audioPath = stored.path;
      createdFile = stored.created;
    } else {
      const stored = await ctx.library.store(file.path, sha256, probe.container, probe.sizeBytes, file.staged ? 'move' : 'copy');
      audioPath = stored.path;
      createdFile = stored.created;
    }

    const meta = ctx.metadataFor(file.fileName);
    let inserted: { id: number; created: boolean };
    try {
      inserted = ctx.dao.transaction(() => {
        const row = ctx.dao.insert({
          sha256,
          fileName: file.fileName,
          originalPath: file.staged ? null : file.path,
          audioPath,
          sizeBytes: probe.sizeBytes,
          durationSec: probe.durationSec,
          channels: probe.channels,
          sampleRate: probe.sampleRate,
          codec: probe.codec,
          container: probe.container,
          bitRate: probe.bitRate === null ? null : Math.round(probe.bitRate),
          stereoSplit: probe.stereoSplitPossible,
          status: 'imported',
          ...meta.values,
          metadataSources: meta.sources,
        });
        if (row.created) ctx.calls.sourcesChanged([row.id]);
        return row;
      });
    } catch (e) {
      if (createdFile) await ctx.library.discard(audioPath);
      throw e;
    }
    if (!inserted.created) {
      // Another import (another window, the API) added the same content a moment ago.
      settle(inserted.id);
      return duplicateOfLibrary(base, { id: inserted.id, fileName: file.fileName }, probe.durationSec);
    }
    settle(inserted.id);
    ctx.logger.info({ recordingId: inserted.id, fileName: file.fileName, sha256, durationSec: probe.durationSec }, 'recording imported');
    ctx.afterInsert?.(inserted.id, file);
    ctx.announcer.announce({ recordingId: inserted.id, fileName: file.fileName });
    return { ...base, ok: true, recordingId: inserted.id, durationSec: probe.durationSec };
  } catch (caught) {
    settle(null);
    const copyFailed = isAppError(caught) && caught.details.reason === 'copy_failed';
    if (copyFailed && caught.details.code === 'ENOENT') ctx.library.forgetFolders();
    const e = copyFailed ? libraryError(caught, ctx.library.dir) : caught;
    const info = toErrorInfo(e);
    if (info.category === 'internal') ctx.logger.error({ err: e, fileName: file.fileName }, 'import failed unexpectedly');
    else ctx.logger.info({ fileName: file.fileName, category: info.category, reason: (e as AppError).details?.reason }, 'file not imported');
    return { ...base, error: info };
  } finally {
    ordered.claimed(); // a duplicate or a failure claims nothing: later files need not wait for it
    if (tmp) await rm(tmp, { force: true });
    // An upload never outlives its import: remove its staging folder (only ever one inside .partial).
    if (file.staged && dirname(dirname(file.path)) === ctx.library.partialDir) await rm(dirname(file.path), { recursive: true, force: true });
  }
}

function duplicateOfLibrary(base: ImportFileResult, existing: { id: number; fileName: string }, durationSec: number): ImportFileResult {
  return {
    ...base, duplicateOf: existing.id, durationSec,
    error: {
      category: 'invalid_input',
      message: `"${base.fileName}" is already in the library (same content as "${existing.fileName}", recording #${existing.id}).`,
      hint: 'Nothing to do: open the existing recording instead.',
    },
  };
}
