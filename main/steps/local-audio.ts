import { existsSync, statSync } from 'node:fs';
import { AppError } from '../errors.js';
import type { AudioAccess, AudioRef } from './compute-env.js';

/**
 * Audio in the library on this machine (the embedded transport): `where` names the stored file of a
 * recording (the storage service's lookup), undefined when the recording is gone.
 */
export function localAudio(where: (recordingId: number) => string | undefined): AudioAccess {
  const path = (ref: AudioRef) => {
    const p = where(ref.recordingId);
    if (p === undefined) throw new AppError('not_found', `Recording ${ref.recordingId} no longer exists.`, 'Nothing to do; it was deleted.');
    if (!existsSync(p)) throw audioMissing(ref, `(${p})`);
    return p;
  };
  return {
    file: (ref) => Promise.resolve(path(ref)),
    async verify(ref, { rehash, signal, progress, pool }) {
      const p = path(ref);
      if (!rehash) {
        const size = statSync(p).size;
        if (size !== ref.sizeBytes) {
          throw new AppError('invalid_input', `The library copy of "${ref.fileName}" is damaged (${size} bytes, expected ${ref.sizeBytes}).`,
            'Import the original recording again to restore it.', { details: { expected: ref.sizeBytes, actual: size } });
        }
        return;
      }
      progress(0.1);
      const { sha256 } = await pool.run('sha256File', { path: p }, { signal });
      if (sha256 !== ref.sha256) throw audioChanged(ref, sha256);
    },
  };
}

/** The stored audio file is not there (`where`: the path, or "on the server"). */
export const audioMissing = (ref: AudioRef, where: string): AppError =>
  new AppError('not_found', `The audio file of "${ref.fileName}" is missing ${where}.`,
    'Reconnect the drive or folder that holds the library, then retry; or import the recording again.');

export const audioChanged = (ref: AudioRef, actual: string): AppError =>
  new AppError('invalid_input', `The audio file of "${ref.fileName}" changed after import (different content).`,
    'Import the file again so its transcript and analysis match what you hear.', { details: { expected: ref.sha256, actual } });
