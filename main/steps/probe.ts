import type { AudioRef, ComputeEnv } from './compute-env.js';

export interface ProbeInput {
  audio: AudioRef;
  /** Compare the content hash too (a file used in place), not just the size (a library copy). */
  rehash: boolean;
}

/** `probe`: the audio is still there and still the imported content, before any paid call is made. */
export async function probeAudio(input: ProbeInput, env: ComputeEnv): Promise<{ ok: true }> {
  await env.audio.verify(input.audio, { rehash: input.rehash, signal: env.signal, progress: env.progress, pool: env.pool });
  return { ok: true };
}
