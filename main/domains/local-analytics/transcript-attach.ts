import type { Logger } from 'pino';
import type { Daos } from '../../../db/daos.js';
import type { SourcesListener } from '../../../db/dao/call-projection-dao.js';
import type { AppDatabase } from '../../../db/open.js';
import type { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import { transcriptHash } from '../../analysis/prompt.js';
import { noSuchRecording } from '../../errors.js';
import type { Queue } from '../../jobs/index.js';
import type { ParsedTranscriptFile } from './transcript-parse.js';

/**
 * Existing transcripts (ElevenLabs/OpenAI JSON, SRT, WebVTT, "Agent:" text) become the recording's
 * transcript with provider "import": the transcribe step then completes as already done (no provider
 * call) and everything offline runs from it. Parsing happens before anything is written, so a
 * malformed file (AppError invalid_input naming the line) changes nothing.
 */

export const IMPORT_PROVIDER = 'import';

/** Store a parsed transcript as the recording's transcript (replacing any). Returns its content hash. */
export function storeImportedTranscript(daos: Pick<Daos, 'recordings' | 'transcripts'>, calls: SourcesListener, recordingId: number, parsed: ParsedTranscriptFile): { contentHash: string; changed: boolean } {
  const rec = daos.recordings.get(recordingId);
  if (!rec) throw noSuchRecording(recordingId);
  const dao = daos.transcripts;
  const contentHash = transcriptHash(parsed.transcript);
  const before = dao.get(recordingId);
  const body: NormalizedTranscript = { ...parsed.transcript, durationSec: parsed.transcript.durationSec ?? rec.durationSec };
  dao.transaction(() => {
    dao.upsert({
      recordingId, provider: IMPORT_PROVIDER, model: parsed.format, requestId: null, audioSec: rec.durationSec ?? 0, costUsd: 0,
      usage: {}, language: parsed.transcript.language, contentHash, body,
    });
    calls.sourcesChanged([recordingId]);
  });
  return { contentHash, changed: before?.contentHash !== contentHash };
}

/**
 * After a transcript was attached to a recording already in the pipeline: get the pipeline moving
 * from it. Transcribe not done yet → let it run now (its alreadyDone sees the transcript). Transcribe
 * done → re-run what reads the transcript (local_analysis, analyze; index follows). Returns the steps
 * that were queued again.
 */
export function resumeAfterTranscript(queue: Queue, db: AppDatabase, recordingId: number, changed: boolean, log: Logger): string[] {
  const jobs = queue.service.query.byRecording(recordingId);
  if (jobs.length === 0) {
    queue.service.enqueue(recordingId);
    return ['probe'];
  }
  const transcribe = jobs.find((j) => j.step === 'transcribe');
  if (!transcribe) return []; // probe still running: transcribe is created later and sees the transcript
  switch (transcribe.state) {
    case 'done': {
      if (!changed) return [];
      const later = Object.entries(queue.scheduler.pipeline).filter(([, needs]) => needs.includes('transcribe')).map(([s]) => s);
      for (const step of later) queue.service.rerun([recordingId], step);
      return later;
    }
    case 'waiting_config': {
      // No per-recording wake exists; waking all transcribe jobs waiting for a key is cheap (they
      // find no key and wait again without any provider call).
      queue.scheduler.jobs.wake('waiting_config', ['transcribe'], Date.now());
      queue.scheduler.kick();
      return ['transcribe'];
    }
    case 'failed':
    case 'cancelled':
    case 'waiting_retry':
      queue.service.retry(recordingId);
      return ['transcribe'];
    default:
      // queued/paused: it will see the transcript when it runs. running: a provider call is in flight
      // and will replace the attached transcript when it finishes (re-attach afterwards if needed).
      if (transcribe.state === 'running') log.warn({ recordingId }, 'transcript attached while transcription was running; the provider result will replace it');
      return [];
  }
}
