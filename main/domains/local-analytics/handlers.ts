import type { HandlerMap } from '../../contract/registry.js';
import type { CoreContext } from '../../core-types.js';
import type { TranscriptAttachResult } from '../../../preload/contract/schemas/local-analytics.js';
import { resumeAfterTranscript, storeImportedTranscript } from './transcript-attach.js';

type LocalHandlers = Pick<HandlerMap, 'analytics.metrics' | 'analytics.pii' | 'analytics.revealPii' | 'analytics.checks' | 'analytics.waveform' | 'analytics.attachTranscript'>;

/**
 * Parse in the jobs pool (nothing written when malformed; a 64 MB single-line file never stalls the
 * API's event loop), store, and get the pipeline going from the new transcript.
 */
export async function attachTranscript(core: CoreContext, recordingId: number, fileName: string, content: string, actor: string): Promise<TranscriptAttachResult> {
  const parsed = await core.queue.scheduler.pool.run('parseTranscriptUpload', { fileName, content });
  const { contentHash, changed } = storeImportedTranscript(core.daos, core.calls, recordingId, parsed);
  const log = core.logger.child({ recordingId, domain: 'local-analytics' });
  const rerun = resumeAfterTranscript(core.queue, core.db, recordingId, changed, log);
  core.daos.audit.record({ actor, entity: 'recording', entityId: String(recordingId), action: 'attach_transcript', oldValue: null, newValue: { fileName, format: parsed.format, contentHash } });
  log.info({ fileName, format: parsed.format, segments: parsed.transcript.segments.length, changed, rerun }, 'transcript attached');
  return { recordingId, format: parsed.format, segments: parsed.transcript.segments.length, contentHash, rerun };
}

export function localAnalyticsHandlers(core: CoreContext): LocalHandlers {
  const service = core.services.localAnalytics;
  return {
    'analytics.metrics': ({ id }) => service.metrics(id),
    'analytics.pii': ({ id, masked }) => service.pii(id, masked),
    'analytics.revealPii': ({ id, index }, ctx) => {
      const text = service.piiText(id, index);
      core.daos.audit.record({ actor: ctx.actor, entity: 'recording', entityId: String(id), action: 'reveal_pii', oldValue: null, newValue: { index } });
      return { text };
    },
    'analytics.checks': ({ id }) => service.checks(id),
    'analytics.waveform': ({ id }) => service.waveform(id),
    'analytics.attachTranscript': ({ id, fileName, content }, ctx) => attachTranscript(core, id, fileName, content, ctx.actor),
  };
}
