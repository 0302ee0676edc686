import type { Daos } from '../../../db/daos.js';
import { AppError } from '../../errors.js';
import type { AudioRef } from '../../steps/compute-env.js';

/** A recording's stored audio as the library knows it, with the reference a computation reads it by. */
export function storedAudio(daos: Pick<Daos, 'jobsQuery'>, recordingId: number): { ref: AudioRef; audioPath: string } {
  const rec = daos.jobsQuery.recordingAudio(recordingId);
  if (!rec) throw new AppError('not_found', `Recording ${recordingId} no longer exists.`, 'Nothing to do; it was deleted.');
  return { ref: { recordingId, fileName: rec.fileName, sha256: rec.sha256, sizeBytes: rec.sizeBytes }, audioPath: rec.audioPath };
}
