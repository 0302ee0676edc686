import type { Logger } from 'pino';
import type { Daos } from '../../../db/daos.js';
import type { SourcesListener } from '../../../db/dao/call-projection-dao.js';
import type { RecordingsDao } from '../../../db/dao/recordings-dao.js';
import type { TranscriptsDao } from '../../../db/dao/transcripts-dao.js';
import type { TranscriptRow } from '../../../db/schema/index.js';
import type { NormalizedTranscript, SpeakerRole } from '../../../preload/contract/schemas/transcript.js';
import { transcriptHash } from '../../analysis/prompt.js';
import { AppError, isAppError, noSuchRecording } from '../../errors.js';
import { keyHint, providerNames, type ProviderId } from '../../providers/errors.js';
import type { ProviderEnv } from '../../providers/factory.js';
import { secretFor } from '../../providers/provider-ids.js';
import type { TranscribeInput } from '../../steps/transcribe.js';
import type { ProviderStatusBook } from '../../providers/status.js';
import type { TranscriptionResult } from '../../providers/types.js';

/**
 * Transcribes a recording with the configured provider and stores the normalized transcript. Missing
 * or rejected keys are not failures: the caller gets `needsKey` and the job waits for a valid key.
 */
export type TranscribeOutcome =
  | { kind: 'done'; result: TranscriptionResult; save: () => TranscriptRow }
  | { kind: 'needs_key'; provider: ProviderId; message: string; hint: string };

export interface SpeakerPatch {
  swapRoles?: boolean;
  speakers?: { id: string; name?: string | null; role?: SpeakerRole }[];
}

export class TranscriptionService {
  readonly transcripts: TranscriptsDao;
  private readonly recordings: RecordingsDao;

  constructor(
    daos: Pick<Daos, 'recordings' | 'transcripts'>,
    private readonly env: ProviderEnv,
    private readonly status: ProviderStatusBook,
    private readonly logger: Logger,
    private readonly calls: SourcesListener,
  ) {
    this.transcripts = daos.transcripts;
    this.recordings = daos.recordings;
  }

  /**
   * Transcribe with the configured provider. `compute` runs the provider call where the queue's
   * transport runs it (this process or a worker service); this side checks the key first and stores.
   */
  async transcribe(recordingId: number, compute: (input: TranscribeInput) => Promise<TranscriptionResult>): Promise<TranscribeOutcome> {
    const rec = this.recordings.get(recordingId);
    if (!rec) throw noSuchRecording(recordingId);
    const provider = this.env.settings().transcriptionProvider;
    const needsKey = (message: string): TranscribeOutcome => ({ kind: 'needs_key', provider, message, hint: keyHint(provider) });
    if (!this.env.secret(secretFor[provider])) return needsKey(`No ${providerNames[provider]} API key is configured.`);
    if (this.status.keyRejected(provider)) return needsKey(`${providerNames[provider]} needs a valid key: it rejected the one configured.`);
    let result: TranscriptionResult;
    try {
      result = await compute({
        audio: { recordingId, fileName: rec.fileName, sha256: rec.sha256, sizeBytes: rec.sizeBytes },
        durationSec: rec.durationSec, channels: rec.channels, stereoSplit: rec.stereoSplit, keyterms: [...this.env.settings().keyterms],
      });
    } catch (e) {
      if (isAppError(e)) {
        this.status.failed(provider, e);
        if (e.category === 'auth') return needsKey(e.message);
      }
      throw e;
    }
    this.status.succeeded(provider);
    this.logger.info({ recordingId, provider, model: result.model, segments: result.transcript.segments.length, costUsd: result.costUsd }, 'transcribed');
    return {
      kind: 'done',
      result,
      save: () =>
        this.transcripts.upsert({
          recordingId, provider: result.provider, model: result.model, requestId: result.requestIds.join(',') || null, audioSec: result.audioSec,
          costUsd: result.costUsd, usage: result.usage, language: result.transcript.language, contentHash: transcriptHash(result.transcript), body: result.transcript,
        }),
    };
  }

  get(recordingId: number): TranscriptRow {
    const row = this.transcripts.get(recordingId);
    if (!row) {
      throw new AppError('not_found', `Recording #${recordingId} has no transcript yet.`, 'Wait for the transcribe step in the Queue, or check why it is waiting.');
    }
    return row;
  }

  /** Reviewer fixes: swap agent/customer, rename speakers, or set a speaker's role. */
  updateSpeakers(recordingId: number, patch: SpeakerPatch): { before: NormalizedTranscript; after: TranscriptRow } {
    const row = this.get(recordingId);
    const t = row.body;
    const byId = new Map(t.speakers.map((s) => [s.id, { ...s }]));
    if (patch.swapRoles) {
      for (const s of byId.values()) {
        const flipped: SpeakerRole = s.role === 'agent' ? 'customer' : s.role === 'customer' ? 'agent' : 'unknown';
        Object.assign(s, { role: flipped, roleSource: 'reviewer', roleConfidence: 1 });
      }
    }
    for (const p of patch.speakers ?? []) {
      const s = byId.get(p.id);
      if (!s) throw new AppError('invalid_input', `Speaker "${p.id}" is not in this transcript.`, `Use one of: ${[...byId.keys()].join(', ')}.`);
      if (p.name !== undefined) s.name = p.name === null || p.name.trim() === '' ? null : p.name.trim();
      if (p.role) Object.assign(s, { role: p.role, roleSource: 'reviewer', roleConfidence: 1 });
    }
    const speakers = [...byId.values()];
    const roleOf = new Map(speakers.map((s) => [s.id, s.role]));
    const body: NormalizedTranscript = { ...t, speakers, segments: t.segments.map((s) => ({ ...s, role: roleOf.get(s.speaker) ?? s.role })) };
    const after = this.transcripts.transaction(() => {
      const updated = this.transcripts.updateBody(recordingId, body, transcriptHash(body))!;
      this.calls.sourcesChanged([recordingId]);
      return updated;
    });
    return { before: t, after };
  }
}
