import { z } from 'zod';
import { PathId } from '../schemas/ids.js';
import { defineOperation } from '../define.js';
import {
  RecordingLocalChecks,
  RecordingMetrics,
  RecordingPii,
  RecordingWaveform,
  TranscriptAttachResult,
} from '../schemas/local-analytics.js';

/** Offline analytics (no provider, no network): metrics, PII, rule checks, waveform, transcript attach. */

const id = PathId;

const exampleMetrics: RecordingMetrics = {
  recordingId: 12,
  talkSeconds: { agent: 61.2, customer: 38.4 },
  talkSource: 'audio',
  silenceShare: 0.18,
  longestSilenceSec: 4.1,
  audio: null,
  conversation: null,
  transcriptQuality: {
    score: 91, reasons: ['6% of words where the audio has nobody speaking'], words: 412, lowConfidenceShare: 0.02, meanConfidence: 0.94,
    outsideSpeechShare: 0.06, overtalkShare: 0.01, inaudibleShare: 0, shortSegmentShare: 0, language: 'eng', expectedLanguage: 'en',
    languageMismatch: false, threshold: 60, low: false,
  },
  status: { audio: 'ready', conversation: 'no_transcript' },
};

export const localAnalyticsOperations = {
  'analytics.metrics': defineOperation({
    method: 'GET', path: '/api/v1/recordings/{id}/metrics', tag: 'analytics', role: 'agent', blind: 'safe', scope: 'recording',
    summary: 'Audio metrics (talk per party, silence, holds, overtalk, loudness) and conversation metrics (interruptions, latency, words/min, monologue, questions), computed locally.',
    description: 'talkSeconds is {agent, customer} when the parties are known (stereo split, or roles in the transcript), else {total}. ' +
      'status says what is still being computed: audio needs only the recording; conversation needs a transcript.',
    input: z.object({ id }),
    output: RecordingMetrics,
    example: { input: { id: 12 }, output: exampleMetrics },
  }),
  'analytics.pii': defineOperation({
    method: 'GET', path: '/api/v1/recordings/{id}/pii', tag: 'analytics', role: 'reviewer', blind: 'safe',
    summary: 'Personal data found in the transcript: category, the words, character span in the segment, and the time span in the audio. With masked=true the words are masked except their last characters (what the screen shows; POST …/pii/{index}/reveal shows one, audited).',
    input: z.object({ id, masked: z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]).optional().transform((v) => v === true || v === 'true' || v === '1') }),
    output: RecordingPii,
    example: {
      input: { id: 12 },
      output: {
        recordingId: 12, status: 'ready', redactCategories: ['card_number', 'cvv'],
        findings: [{ category: 'cvv', text: 'one two three', segmentIndex: 9, charStart: 13, charEnd: 26, start: 41.2, end: 42.5, confidence: 0.9 }],
      },
    },
  }),
  'analytics.revealPii': defineOperation({
    method: 'POST', path: '/api/v1/recordings/{id}/pii/{index}/reveal', tag: 'analytics', role: 'reviewer',
    summary: 'The words of one personal-data finding (its position in the findings list), for a reviewer who needs them on screen. Every reveal is in the audit trail.',
    input: z.object({ id, index: z.coerce.number().int().min(0).max(100_000) }),
    output: z.object({ text: z.string() }),
    example: { input: { id: 12, index: 0 }, output: { text: 'one two three' } },
  }),
  'analytics.checks': defineOperation({
    method: 'GET', path: '/api/v1/recordings/{id}/checks', tag: 'analytics', role: 'agent', scope: 'recording',
    summary: 'Rule checks decided locally (disclosure, verification, closing, forbidden words...) with evidence timestamps, and lexicon sentiment per segment.',
    input: z.object({ id }),
    output: RecordingLocalChecks,
    example: {
      input: { id: 12 },
      output: {
        recordingId: 12, status: 'ready', sentiment: null,
        rules: [{ criterionId: 'recording_disclosure', answer: 'yes', passed: true, source: 'rule', rationale: 'Agent said "this call may be recorded" at 0:04.', evidence: [{ quote: 'this call may be recorded', start: 4.1, end: 5.9 }] }],
      },
    },
  }),
  'analytics.waveform': defineOperation({
    method: 'GET', path: '/api/v1/recordings/{id}/waveform', tag: 'analytics', role: 'agent', blind: 'safe', scope: 'recording',
    summary: 'Waveform peaks (min/max per bucket, per channel) computed once from the audio, for the player.',
    input: z.object({ id }),
    output: RecordingWaveform,
    example: { input: { id: 12 }, output: { recordingId: 12, durationSec: 2, waveform: { bucketSec: 1, channels: [{ min: [-0.2, -0.1], max: [0.3, 0.1] }] } } },
  }),
  'analytics.attachTranscript': defineOperation({
    method: 'POST', path: '/api/v1/recordings/{id}/transcript/text', tag: 'analytics', role: 'reviewer',
    summary: 'Attach an existing transcript (ElevenLabs/OpenAI JSON, SRT, WebVTT, or "Agent:"/"Customer:" text) given as text; downstream steps re-run. Multipart upload: POST /api/v1/recordings/{id}/transcript.',
    input: z.object({ id, fileName: z.string().min(1).max(255), content: z.string().max(64 * 1024 * 1024) }),
    output: TranscriptAttachResult,
    example: {
      input: { id: 12, fileName: 'call-12.srt', content: '1\n00:00:00,000 --> 00:00:02,000\nAgent: Hello\n' },
      output: { recordingId: 12, format: 'srt', segments: 1, contentHash: '9f2c…', rerun: ['transcribe'] },
    },
  }),
};
