import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type OpenAI from 'openai';
import { lazyOpenAIClient } from './sdk.js';
import type { TranscriptionDiarized, TranscriptionVerbose } from 'openai/resources/audio/transcriptions';
import type { NormalizedTranscript, TranscriptSegment } from '../../preload/contract/schemas/transcript.js';
import { assignRoles } from '../transcripts/roles.js';
import { extractChunk, maxChunkSecFor } from './chunking/extract.js';
import { detectSilences, planChunks, type ChunkPlan } from './chunking/plan.js';
import { stitchChunks } from './chunking/stitch.js';
import { mapOpenAIError, permanentProviderError } from './errors.js';
import { DiarizedBody, fromDiarized, fromVerbose, usageOf, VerboseBody } from './openai-normalize.js';
import { withRequestFacts } from '../observability/job-scope.js';
import type { PriceBook } from './prices.js';
import type { ProviderConnection, TranscribeRequest, Transcriber, TranscriptionResult } from './types.js';

/**
 * OpenAI (or any OpenAI-compatible server) through the official SDK's `audio.transcriptions.create`.
 * Diarizing models answer `diarized_json` with `chunking_strategy: auto` (required above 30 s);
 * whisper-style models answer `verbose_json` with word and segment timings and take the vocabulary
 * as a prompt. Files over the 25 MiB upload limit are cut at silences and stitched (see chunking/).
 */
export const OPENAI_UPLOAD_LIMIT = 25 * 1024 * 1024;

export interface OpenAITranscriberOptions {
  /** Upload limit in bytes; lowered in tests to exercise chunking on small files. */
  uploadLimitBytes?: number;
  /** Folder for chunk files (default: a fresh temp dir, removed afterwards). */
  workDir?: string;
}

interface Piece {
  segments: TranscriptSegment[];
  usage: Record<string, number>;
  requestId: string | null;
  language: string | null;
}

export class OpenAITranscriber implements Transcriber {
  readonly provider = 'openai' as const;
  /** The SDK client, created on first use (see providers/sdk.ts for why the SDK loads lazily). */
  private readonly client: () => Promise<OpenAI>;

  constructor(
    conn: ProviderConnection,
    readonly model: string,
    private readonly prices: PriceBook,
    private readonly options: OpenAITranscriberOptions = {},
  ) {
    this.client = lazyOpenAIClient(conn);
  }

  /** gpt-4o-transcribe-diarize and its snapshots; anything else is treated as whisper-style. */
  get diarizes(): boolean {
    return this.model.includes('diarize');
  }

  async transcribe(req: TranscribeRequest): Promise<TranscriptionResult> {
    const limit = this.options.uploadLimitBytes ?? OPENAI_UPLOAD_LIMIT;
    const pieces = req.sizeBytes <= limit ? [{ plan: null, piece: await this.once(req.audioPath, req, req.durationSec) }] : await this.chunked(req, limit);
    let segments: TranscriptSegment[];
    if (pieces.length === 1) segments = pieces[0]!.piece.segments;
    else segments = stitchChunks(pieces.map((p) => ({ plan: p.plan!, segments: p.piece.segments }))).segments;
    const usage: Record<string, number> = {};
    for (const { piece } of pieces) for (const [k, v] of Object.entries(piece.usage)) usage[k] = (usage[k] ?? 0) + v;
    const ids = [...new Set(segments.map((s) => s.speaker))];
    const normalized: NormalizedTranscript = {
      language: pieces[0]?.piece.language ?? null,
      durationSec: req.durationSec,
      speakers: ids.map((id) => ({ id, role: 'unknown', name: null, roleConfidence: 0, roleSource: 'content' })),
      segments,
    };
    return {
      transcript: assignRoles(normalized),
      provider: 'openai',
      model: this.model,
      requestIds: pieces.map((p) => p.piece.requestId).filter((x): x is string => !!x),
      audioSec: req.durationSec,
      usage,
      costUsd: this.prices.transcriptionCost(this.model, req.durationSec, usage),
    };
  }

  private async chunked(req: TranscribeRequest, limit: number): Promise<{ plan: ChunkPlan; piece: Piece }[]> {
    const dir = this.options.workDir ?? (await mkdtemp(join(tmpdir(), 'cca-chunks-')));
    try {
      const silences = await detectSilences(req.audioPath, { signal: req.signal });
      const { chunks } = planChunks(silences, { durationSec: req.durationSec, maxChunkSec: maxChunkSecFor(limit) });
      const out: { plan: ChunkPlan; piece: Piece }[] = [];
      // One after another: a chunk's speakers are matched to the previous chunk's, and a failure
      // stops early instead of paying for the rest (the queue retries the whole step).
      for (const [i, plan] of chunks.entries()) {
        const file = join(dir, `chunk-${String(i).padStart(3, '0')}.wav`);
        await extractChunk(req.audioPath, plan, file, req.signal);
        out.push({ plan, piece: await this.once(file, req, plan.end - plan.start) });
        req.onProgress?.((i + 1) / chunks.length);
      }
      return out;
    } finally {
      if (!this.options.workDir) await rm(dir, { recursive: true, force: true });
    }
  }

  /** One upload; a malformed body is retried once here, then the step fails for good. */
  private async once(path: string, req: TranscribeRequest, audioSec: number): Promise<Piece> {
    for (let attempt = 1; ; attempt++) {
      const { data, requestId } = await withRequestFacts({ audioSec }, () => this.request(path, req));
      const piece = this.parse(data, requestId);
      if (piece) return piece;
      if (attempt >= 2) {
        throw permanentProviderError('openai', `The transcription server sent an answer the app cannot read (twice, model ${this.model}).`,
          'Check the OpenAI base URL and model in Settings → Providers; a compatible server must answer diarized_json or verbose_json.', 'malformed_response');
      }
    }
  }

  private async request(path: string, req: TranscribeRequest): Promise<{ data: unknown; requestId: string | null }> {
    const file = createReadStream(path);
    const params: OpenAI.Audio.TranscriptionCreateParamsNonStreaming = this.diarizes
      ? // openai 6.x has no typed overload for diarized_json; the body is a TranscriptionDiarized.
        { file, model: this.model, response_format: 'diarized_json', chunking_strategy: 'auto' }
      : {
          file, model: this.model, response_format: 'verbose_json', timestamp_granularities: ['word', 'segment'],
          ...(req.keyterms.length ? { prompt: `Vocabulary: ${req.keyterms.join(', ')}.` } : {}),
        };
    try {
      const { data, request_id } = await (await this.client()).audio.transcriptions.create(params, { signal: req.signal }).withResponse();
      return { data, requestId: request_id };
    } catch (e) {
      const mapped = mapOpenAIError(e, { media: true });
      if (mapped) throw mapped;
      if (e instanceof SyntaxError) return { data: null, requestId: null };
      throw e;
    } finally {
      file.destroy();
    }
  }

  private parse(data: unknown, requestId: string | null): Piece | null {
    if (this.diarizes) {
      if (!DiarizedBody.safeParse(data).success) return null;
      const body = data as TranscriptionDiarized;
      return { segments: fromDiarized(body), usage: usageOf(body), requestId, language: null };
    }
    if (!VerboseBody.safeParse(data).success) return null;
    const body = data as TranscriptionVerbose;
    return { segments: fromVerbose(body), usage: usageOf(body), requestId, language: body.language ?? null };
  }
}
