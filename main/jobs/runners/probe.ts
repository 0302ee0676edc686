import { basename } from 'node:path';
import type { ProbeInput } from '../../steps/probe.js';
import type { StepRunner } from '../types.js';
import { storedAudio } from './stored-audio.js';

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
      const { ref, audioPath } = storedAudio(ctx.deps.daos, ctx.job.recordingId);
      const input: ProbeInput = { audio: ref, rehash: !basename(audioPath).startsWith(ref.sha256) };
      await ctx.compute('probe', input);
      return { kind: 'done' };
    },
  };
}
