import { createReadStream } from 'node:fs';
import type { ElevenLabs, ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { z } from 'zod';
import { assignRoles } from '../transcripts/roles.js';
import { mapElevenLabsError, permanentProviderError } from './errors.js';
import { fromElevenLabsChunk, fromElevenLabsMultichannel } from './elevenlabs-normalize.js';
import { withRequestFacts } from '../observability/job-scope.js';
import type { PriceBook } from './prices.js';
import { loadElevenLabs } from './sdk.js';
import type { ProviderConnection, TranscribeRequest, Transcriber, TranscriptionResult } from './types.js';

/**
 * ElevenLabs Speech-to-Text through the official SDK (`speechToText.convert`). Stereo-split calls go
 * with `use_multi_channel` (each channel transcribed on its own: the agent's line is channel 0, so the
 * roles are certain); everything else is diarized with num_speakers 2. SDK retries are off: the queue
 * owns retries, so one attempt is one HTTP request.
 */

// What we rely on in the answer; the SDK's own checks are lenient, so a malformed body is caught here.
const Word = z.object({ text: z.string(), type: z.string(), start: z.number().optional(), end: z.number().optional() });
const Chunk = z.object({ words: z.array(Word), text: z.string() });
const Multi = z.object({ transcripts: z.array(Chunk).min(1) });

export class ElevenLabsTranscriber implements Transcriber {
  readonly provider = 'elevenlabs' as const;
  private clientPromise: Promise<ElevenLabsClient> | undefined;

  constructor(
    private readonly conn: ProviderConnection,
    readonly model: string,
    private readonly prices: PriceBook,
  ) {}

  /** The SDK client, created on first use (see sdk.ts for why the SDK loads lazily). */
  private client(): Promise<ElevenLabsClient> {
    const conn = this.conn;
    return (this.clientPromise ??= loadElevenLabs().then(({ ElevenLabsClient }) => new ElevenLabsClient({
      apiKey: conn.apiKey,
      baseUrl: conn.baseUrl.replace(/\/+$/, ''),
      timeoutInSeconds: conn.timeoutSec,
      maxRetries: 0,
      ...(conn.fetch ? { fetch: conn.fetch } : {}),
    })));
  }

  async transcribe(req: TranscribeRequest): Promise<TranscriptionResult> {
    const multi = req.stereoSplit && req.channels === 2;
    // Malformed bodies are retried once on the spot; a second bad answer fails the step for good.
    for (let attempt = 1; ; attempt++) {
      const { data, requestId } = await withRequestFacts({ audioSec: req.durationSec }, () => this.call(req, multi));
      const valid = multi ? Multi.safeParse(data).success : Chunk.safeParse(data).success;
      if (valid) return this.result(data, requestId, req, multi);
      if (attempt >= 2) {
        throw permanentProviderError('elevenlabs', 'ElevenLabs sent a transcript the app cannot read (twice).',
          'Try again later; if it persists, switch the transcription provider in Settings.', 'malformed_response');
      }
    }
  }

  private async call(req: TranscribeRequest, multi: boolean): Promise<{ data: unknown; requestId: string | undefined }> {
    const body: ElevenLabs.BodySpeechToTextV1SpeechToTextPost = {
      file: createReadStream(req.audioPath),
      modelId: this.model,
      timestampsGranularity: 'word',
      tagAudioEvents: true,
      ...(multi ? { useMultiChannel: true } : { diarize: true, numSpeakers: 2 }),
      ...(req.keyterms.length ? { keyterms: [...req.keyterms] } : {}),
    };
    try {
      const { data, rawResponse } = await (await this.client()).speechToText
        .convert(body, { abortSignal: req.signal, maxRetries: 0, timeoutInSeconds: this.conn.timeoutSec })
        .withRawResponse();
      return { data, requestId: rawResponse.headers.get('request-id') ?? rawResponse.headers.get('x-request-id') ?? undefined };
    } catch (e) {
      const mapped = mapElevenLabsError(e);
      if (mapped) throw mapped;
      // Unparseable JSON, or the SDK's own response schema check (a ParseError, not exported): malformed.
      if (e instanceof SyntaxError || (e instanceof Error && e.name === 'ParseError')) return { data: null, requestId: undefined };
      throw e;
    }
  }

  private result(data: unknown, requestId: string | undefined, req: TranscribeRequest, multi: boolean): TranscriptionResult {
    const raw = data as ElevenLabs.SpeechToTextChunkResponseModel | ElevenLabs.MultichannelSpeechToTextResponseModel;
    const normalized = multi
      ? fromElevenLabsMultichannel(raw as ElevenLabs.MultichannelSpeechToTextResponseModel, req.durationSec)
      : fromElevenLabsChunk(raw as ElevenLabs.SpeechToTextChunkResponseModel, req.durationSec);
    const transcript = assignRoles(normalized);
    const transcriptionId = (raw as { transcriptionId?: string }).transcriptionId;
    const audioSec = req.durationSec;
    const usage = { seconds: audioSec };
    return {
      transcript,
      provider: 'elevenlabs',
      model: this.model,
      requestIds: [transcriptionId ?? requestId].filter((x): x is string => !!x),
      audioSec,
      usage,
      costUsd: this.prices.transcriptionCost(this.model, audioSec, usage),
    };
  }
}
