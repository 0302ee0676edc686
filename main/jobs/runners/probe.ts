import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../../errors.js';
import type { StepRunner } from '../types.js';

/**
 * First step of every pipeline: the audio is still where the library says and is still the same
 * content. Catches a library folder on a disconnected drive or a file replaced after import before any
 * paid provider call is made. Local, so no circuit breaker.
 *
 * A library copy is named by its SHA-256 and written atomically by the import (temp file, fsync,
 * rename), so its name and size are proof enough and re-reading the whole file would double the cost
 * of every import. Files used in place (reference mode) can change behind our back: those are hashed
 * again (in a worker thread).
 */
export function probeRunner(concurrency = 2): StepRunner {
  return {
    placement: () => ({ provider: 'local', lane: 'local:probe', concurrency }),
    async run(ctx) {
      const rec = ctx.deps.daos.jobsQuery.recordingAudio(ctx.job.recordingId);
      if (!rec) throw new AppError('not_found', `Recording ${ctx.job.recordingId} no longer exists.`, 'Nothing to do; it was deleted.');
      if (!existsSync(rec.audioPath)) {
        throw new AppError('not_found', `The audio file of "${rec.fileName}" is missing (${rec.audioPath}).`,
          'Reconnect the drive or folder that holds the library, then retry; or import the recording again.');
      }
      const libraryCopy = basename(rec.audioPath).startsWith(rec.sha256);
      if (libraryCopy) {
        const size = statSync(rec.audioPath).size;
        if (size !== rec.sizeBytes) {
          throw new AppError('invalid_input', `The library copy of "${rec.fileName}" is damaged (${size} bytes, expected ${rec.sizeBytes}).`,
            'Import the original recording again to restore it.', { details: { expected: rec.sizeBytes, actual: size } });
        }
        return { kind: 'done' };
      }
      ctx.progress(0.1);
      const { sha256 } = await ctx.pool.run('sha256File', { path: rec.audioPath }, { signal: ctx.signal });
      if (sha256 !== rec.sha256) {
        throw new AppError('invalid_input', `The audio file of "${rec.fileName}" changed after import (different content).`,
          'Import the file again so its transcript and analysis match what you hear.', { details: { expected: rec.sha256, actual: sha256 } });
      }
      return { kind: 'done' };
    },
  };
}
