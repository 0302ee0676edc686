import type { TranscriptRow } from '../../../db/schema/index.js';
import type { TranscriptView } from '../../../preload/contract/operations/transcripts.js';
import type { HandlerMap } from '../../contract/registry.js';
import type { CoreContext } from '../../core-types.js';

type TranscriptHandlers = Pick<HandlerMap, 'transcripts.get' | 'transcripts.updateSpeakers'>;

export const toTranscriptView = (r: TranscriptRow): TranscriptView => ({
  recordingId: r.recordingId, provider: r.provider, model: r.model, requestId: r.requestId, audioSec: r.audioSec, costUsd: r.costUsd,
  language: r.language, contentHash: r.contentHash, createdAt: r.createdAt, updatedAt: r.updatedAt, transcript: r.body,
});

export function transcriptHandlers(core: CoreContext): TranscriptHandlers {
  const { transcription } = core.services.providers;
  return {
    'transcripts.get': ({ id, redact }) => {
      const view = toTranscriptView(transcription.get(id));
      // ?redact=true: PII masked per the redactCategories setting (local analytics, issue 6).
      return redact ? { ...view, transcript: core.services.localAnalytics.redacted(id).transcript } : view;
    },
    'transcripts.updateSpeakers': ({ id, ...patch }, ctx) => {
      const { before, after } = transcription.updateSpeakers(id, patch);
      core.daos.audit.record({ actor: ctx.actor, entity: 'transcript', entityId: String(id), action: 'update_speakers', oldValue: before.speakers, newValue: after.body.speakers });
      return toTranscriptView(after);
    },
  };
}
