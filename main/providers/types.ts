import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import type { ProviderId } from './provider-ids.js';

/**
 * The pipeline's view of speech-to-text: one recording in, one normalized transcript out. The
 * transcribe step never knows which provider (or which OpenAI-compatible server) answered.
 */
export interface TranscribeRequest {
  audioPath: string;
  durationSec: number;
  channels: number;
  sizeBytes: number;
  /** Stereo recording with one party per channel (left = agent): transcribe the channels apart. */
  stereoSplit: boolean;
  /** Workspace vocabulary (product and agent names). */
  keyterms: readonly string[];
  signal?: AbortSignal;
  /** 0..1 progress for long (chunked) files. */
  onProgress?: (fraction: number) => void;
}

export interface TranscriptionResult {
  /** Speaker roles are already assigned (channel or content). */
  transcript: NormalizedTranscript;
  provider: ProviderId;
  model: string;
  requestIds: string[];
  audioSec: number;
  /** Billing units as reported: {seconds} or {input_tokens, output_tokens, audio_tokens}. */
  usage: Record<string, number>;
  costUsd: number | null;
}

export interface Transcriber {
  readonly provider: ProviderId;
  readonly model: string;
  transcribe(request: TranscribeRequest): Promise<TranscriptionResult>;
}

/** What every provider client gets from settings. */
export interface ProviderConnection {
  apiKey: string;
  baseUrl: string;
  timeoutSec: number;
  /** Injected in tests to observe traffic; production uses the global fetch. */
  fetch?: typeof fetch;
}
