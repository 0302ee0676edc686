import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/errors.js';
import { defaultPipeline } from '../../../main/jobs/pipeline.js';
import type { WorkerPool } from '../../../main/jobs/worker-pool.js';
import { ApiStyleMemory } from '../../../main/providers/api-style.js';
import { computationNames } from '../../../main/steps/computations.js';
import type { ComputeServices } from '../../../main/steps/compute-env.js';
import { embeddedTransport } from '../../../main/steps/embedded-transport.js';
import type { IndexFindings } from '../../../main/steps/index-findings.js';
import type { NormalizedTranscript, TranscriptSegment } from '../../../preload/contract/schemas/transcript.js';
import { defaultSettings } from '../../helpers/queue-harness.js';

const seg = (role: 'agent' | 'customer', start: number, text: string): TranscriptSegment => {
  const speaker = role === 'agent' ? 'spk_a' : 'spk_c';
  const words = text.split(' ').map((w, i) => ({ text: w, start: start + i * 0.4, end: start + i * 0.4 + 0.35, confidence: 0.95, speaker }));
  return { speaker, role, start, end: words.at(-1)!.end, text, words };
};

const transcript: NormalizedTranscript = {
  language: 'en',
  durationSec: 20,
  speakers: [],
  segments: [
    seg('agent', 0, 'Thank you for calling, how can I help?'),
    seg('customer', 4, 'My card number is 4111 1111 1111 1111 and it was charged twice'),
    seg('agent', 12, 'I am sorry about that, let me refund it now'),
  ],
};

const job = { id: 7, recordingId: 3, step: 'index', attempt: 1, maxAttempts: 3, fencingToken: 11 };
const call = { job, signal: new AbortController().signal, log: pino({ level: 'silent' }), progress: () => {}, pool: {} as WorkerPool };
const services: ComputeServices = {
  providers: { settings: () => defaultSettings(), secret: () => undefined, prices: {} as never, fetchFor: () => undefined },
  apiStyles: new ApiStyleMemory(),
  audio: { file: () => Promise.reject(new Error('no audio in this test')), verify: () => Promise.reject(new Error('no audio in this test')) },
};

describe('step computations', () => {
  it('every step of the pipeline has a computation a worker service can run', () => {
    expect([...computationNames].sort()).toEqual(Object.keys(defaultPipeline).sort());
  });

  it('the embedded transport runs a computation here, and its result is plain JSON', async () => {
    const found = (await embeddedTransport(services).compute('index', { transcript, audio: null, callLanguage: 'en' }, call)) as IndexFindings;
    expect(found.piiFound).toBe(true);
    expect(found.quality?.score).toBeGreaterThan(0);
    // What a worker service would send back over the wire is the same value.
    expect(JSON.parse(JSON.stringify(found))).toEqual(found);
    const clean = (await embeddedTransport(services).compute('index', { transcript: { ...transcript, segments: [transcript.segments[0]!] }, audio: null, callLanguage: 'en' }, call)) as IndexFindings;
    expect(clean.piiFound).toBe(false);
  });

  it('an unknown computation is refused with an internal error that names it', async () => {
    const err = await embeddedTransport(services).compute('transcode', {}, call).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).category).toBe('internal');
    expect((err as AppError).message).toContain('"transcode"');
  });

  it('a provider step without a key in this process fails as "auth", so the job waits for a key', async () => {
    const err = await embeddedTransport(services).compute('analyze', { transcript, criteria: [], model: 'gpt-4o-mini' }, call).catch((e: unknown) => e);
    expect((err as AppError).category).toBe('auth');
    expect((err as AppError).hint).toMatch(/OPENAI_API_KEY/);
  });
});
