import { existsSync } from 'node:fs';
import { JobsQueryDao } from '../../../db/dao/jobs-query-dao.js';
import { AppError } from '../../errors.js';
import type { StepRunner } from '../types.js';

/**
 * First step of every pipeline: the audio is still where the library says and is still the same
 * content (SHA-256, computed in a worker thread). Catches a library folder on a disconnected drive or
 * a file replaced after import before any paid provider call is made. Local, so no circuit breaker.
 */
export function probeRunner(concurrency = 2): StepRunner {
  return {
    placement: () => ({ provider: 'local', lane: 'local:probe', concurrency }),
    async run(ctx) {
      const rec = new JobsQueryDao(ctx.deps.db).recordingAudio(ctx.job.recordingId);
      if (!rec) throw new AppError('not_found', `Recording ${ctx.job.recordingId} no longer exists.`, 'Nothing to do; it was deleted.');
      if (!existsSync(rec.audioPath)) {
        throw new AppError('not_found', `The audio file of "${rec.fileName}" is missing (${rec.audioPath}).`,
          'Reconnect the drive or folder that holds the library, then retry; or import the recording again.');
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
