import { AppError } from '../errors.js';
import { keyHint, providerNames } from '../providers/errors.js';
import { createTranscriber } from '../providers/factory.js';
import type { TranscriptionResult } from '../providers/types.js';
import type { AudioRef, ComputeEnv } from './compute-env.js';

export interface TranscribeInput {
  audio: AudioRef;
  durationSec: number;
  channels: number;
  stereoSplit: boolean;
  keyterms: string[];
}

/** `transcribe`: one recording through the configured speech-to-text provider (one request per chunk). */
export async function transcribeAudio(input: TranscribeInput, env: ComputeEnv): Promise<TranscriptionResult> {
  const transcriber = createTranscriber(env.providers);
  if (!transcriber) {
    // The storage service checked its key before sending the job; a worker without it says so as the
    // provider would (auth), so the job waits for a key instead of failing.
    const provider = env.providers.settings().transcriptionProvider;
    throw new AppError('auth', `No ${providerNames[provider]} API key reached this process.`, keyHint(provider));
  }
  const audioPath = await env.audio.file(input.audio, env.signal);
  return transcriber.transcribe({
    audioPath, durationSec: input.durationSec, channels: input.channels, sizeBytes: input.audio.sizeBytes, stereoSplit: input.stereoSplit,
    keyterms: input.keyterms, signal: env.signal, onProgress: env.progress,
  });
}
