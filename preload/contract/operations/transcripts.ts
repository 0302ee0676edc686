import { z } from 'zod';
import { PathId } from '../schemas/ids.js';
import { defineOperation } from '../define.js';
import { NormalizedTranscript, SpeakerRole } from '../schemas/transcript.js';

export const TranscriptView = z.object({
  recordingId: z.number().int(),
  provider: z.string(),
  model: z.string(),
  requestId: z.string().nullable(),
  audioSec: z.number(),
  costUsd: z.number().nullable(),
  language: z.string().nullable(),
  contentHash: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  transcript: NormalizedTranscript,
});
export type TranscriptView = z.infer<typeof TranscriptView>;

const RecordingId = PathId;

const exampleTranscript: TranscriptView = {
  recordingId: 12, provider: 'elevenlabs', model: 'scribe_v2', requestId: 'tr_8f2c', audioSec: 32.7, costUsd: 0.00218, language: 'en',
  contentHash: '9c1e…', createdAt: '2024-05-03T09:13:02.000Z', updatedAt: '2024-05-03T09:13:02.000Z',
  transcript: {
    language: 'en', durationSec: 32.7,
    speakers: [
      { id: 'channel_0', role: 'agent', name: 'Dana', roleConfidence: 1, roleSource: 'channel' },
      { id: 'channel_1', role: 'customer', name: null, roleConfidence: 1, roleSource: 'channel' },
    ],
    segments: [
      { speaker: 'channel_0', role: 'agent', start: 0.4, end: 2.1, text: 'Thank you for calling Northwind.', words: [
        { text: 'Thank', start: 0.4, end: 0.6, confidence: 0.99, speaker: 'channel_0' },
      ] },
    ],
  },
};

export const transcriptOperations = {
  'transcripts.get': defineOperation({
    method: 'GET', path: '/api/v1/recordings/{id}/transcript', tag: 'transcripts', role: 'agent', blind: 'safe', scope: 'recording',
    summary: 'The recording\'s normalized transcript: speakers with roles, segments and words with times, plus provider, model, request id, audio seconds and cost.',
    description: 'With redact=true, personal data (card numbers, CVV, dates of birth...) of the categories in the redactCategories setting is masked in segment text and words.',
    input: z.object({
      id: RecordingId,
      // Query strings carry "true"/"false"; IPC carries a boolean.
      redact: z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]).optional().transform((v) => v === true || v === 'true' || v === '1'),
    }),
    output: TranscriptView,
    example: { input: { id: 12 }, output: exampleTranscript },
  }),
  'transcripts.updateSpeakers': defineOperation({
    method: 'PATCH', path: '/api/v1/recordings/{id}/transcript/speakers', tag: 'transcripts', role: 'reviewer',
    summary: 'Fix speakers: swap agent and customer, rename a speaker, or set a speaker\'s role. Recorded in the audit log; re-analyze to rescore.',
    input: z.object({
      id: RecordingId,
      swapRoles: z.boolean().optional(),
      speakers: z.array(z.object({ id: z.string().min(1), name: z.string().max(80).nullable().optional(), role: SpeakerRole.optional() })).max(20).optional(),
    }),
    output: TranscriptView,
    example: { input: { id: 12, swapRoles: true, speakers: [{ id: 'channel_0', name: 'Dana' }] }, output: exampleTranscript },
  }),
};
