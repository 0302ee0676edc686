import { z } from 'zod';
import { PathId } from '../schemas/ids.js';
import { defineEvent, defineOperation } from '../define.js';
import {
  BatchId,
  ImportBatch,
  ImportFailureList,
  ImportProgress,
  ListRecordingsInput,
  MetadataPatch,
  RecordingList,
  RecordingView,
} from '../schemas/recordings.js';

const exampleRecording: RecordingView = {
  id: 12, fileName: '2024-05-02_dana_C1001.wav', originalPath: '/home/reviewer/calls/2024-05-02_dana_C1001.wav',
  audioPath: '/home/reviewer/.local/share/call-center-qa/library/3f/3f9a…e1.wav',
  sha256: '3f9a0c6e5b1d4f2a8c7e9b0d1f2a3c4e5b6d7f8a9c0e1f2a3b4c5d6e7f8a9be1', sizeBytes: 1046478,
  durationSec: 32.7, channels: 2, sampleRate: 16000, codec: 'pcm_s16le', container: 'wav', bitRate: 512000,
  stereoSplit: true, status: 'imported',
  metadata: {
    agent: 'dana', customer: null, account: 'AC-778', queue: 'billing', campaign: null,
    callTime: '2024-05-02', direction: 'inbound', externalCallId: 'C1001',
  },
  metadataSources: { agent: 'filename', callTime: 'filename', externalCallId: 'filename', queue: 'sidecar', account: 'sidecar', direction: 'sidecar' },
  importedAt: '2024-05-03T09:12:44.120Z', updatedAt: '2024-05-03T09:12:44.120Z',
};

const exampleFailure = {
  id: 7, batchId: 'b-20240503-1', createdAt: 1_714_727_564_120, fileName: 'notes.mp3', sourcePath: '/home/reviewer/calls/notes.mp3',
  error: { category: 'unsupported_media' as const, message: '"notes.mp3" is not an audio recording: its content is a text file, whatever its file extension says.', hint: 'Pick the call recording itself (WAV, MP3, M4A, OGG/Opus, FLAC, WebM or MP4 with sound).' },
  retryable: false,
};

const exampleBatch = {
  batchId: 'b-20240503-1',
  results: [
    { fileName: '2024-05-02_dana_C1001.wav', sourcePath: '/home/reviewer/calls/2024-05-02_dana_C1001.wav', ok: true, recordingId: 12, durationSec: 32.7 },
    {
      fileName: 'notes.mp3', sourcePath: '/home/reviewer/calls/notes.mp3', ok: false,
      error: { category: 'unsupported_media' as const, message: '"notes.mp3" is not an audio recording: its content is a text file, whatever its file extension says.', hint: 'Pick the call recording itself (WAV, MP3, M4A, OGG/Opus, FLAC, WebM or MP4 with sound).' },
    },
  ],
  counts: { imported: 1, duplicate: 0, failed: 1 },
  sidecars: [{ fileName: 'calls.csv', rows: 2, matched: 1, badRows: [{ line: 3, message: 'direction "sideways" is not inbound or outbound' }] }],
};

export const recordingOperations = {
  'recordings.import': defineOperation({
    method: 'POST', path: '/api/v1/recordings/import', tag: 'recordings', role: 'reviewer', blind: 'safe',
    summary: 'Import recordings from local paths (folders are expanded recursively). Answers per file; one bad file never stops the batch.',
    description: 'Files are recognised by content, probed off the main thread, copied into the library named by SHA-256 ' +
      '(or referenced in place, per the libraryMode setting) and deduplicated. A calls.csv / calls.xlsx inside a given folder ' +
      '(or sidecarPath) supplies call metadata by file name. Progress is pushed as import.progress events tagged with batchId.',
    input: z.object({
      paths: z.array(z.string().min(1).max(4096)).min(1).max(100_000),
      /** Chosen by the caller so it can match import.progress events to this request. */
      batchId: BatchId.optional(),
      sidecarPath: z.string().min(1).max(4096).optional(),
    }),
    output: ImportBatch,
    example: { input: { paths: ['/home/reviewer/calls'], batchId: 'b-20240503-1' }, output: exampleBatch },
  }),
  'recordings.list': defineOperation({
    method: 'GET', path: '/api/v1/recordings', tag: 'recordings', role: 'reviewer', blind: 'safe',
    summary: 'List recordings, newest import first, with filters on status, agent, queue, call time and text.',
    input: ListRecordingsInput,
    output: RecordingList,
    example: { input: { agent: 'dana', limit: 50 }, output: { items: [exampleRecording], total: 1 } },
  }),
  'recordings.get': defineOperation({
    method: 'GET', path: '/api/v1/recordings/{id}', tag: 'recordings', role: 'agent', blind: 'safe', scope: 'recording',
    summary: 'One recording: file facts (duration, channels, sample rate, codec, size, sha256), call metadata and pipeline state.',
    input: z.object({ id: PathId }),
    output: RecordingView,
    example: { input: { id: 12 }, output: exampleRecording },
  }),
  'recordings.updateMetadata': defineOperation({
    method: 'PATCH', path: '/api/v1/recordings/{id}', tag: 'recordings', role: 'reviewer', blind: 'safe',
    summary: "Edit a recording's call metadata (agent, customer, account, queue, campaign, call time, direction, call id). Audited.",
    input: MetadataPatch.extend({ id: PathId }),
    output: RecordingView,
    example: { input: { id: 12, queue: 'retention', direction: 'outbound' }, output: exampleRecording },
  }),
  'importFailures.list': defineOperation({
    method: 'GET', path: '/api/v1/import-failures', tag: 'recordings', role: 'reviewer', blind: 'safe',
    summary: 'Files imports could not bring in (duplicates are not failures), oldest batch first, kept until dismissed: the reason, the fix, and whether importing the file again can help (`retryable`: not for an empty, oversized or corrupt file).',
    input: z.object({}),
    output: ImportFailureList,
    example: { input: {}, output: { failures: [exampleFailure] } },
  }),
  'importFailures.dismiss': defineOperation({
    method: 'POST', path: '/api/v1/import-failures/dismiss', tag: 'recordings', role: 'reviewer', blind: 'safe',
    summary: 'Forget failed imports: these ids, or every one of a batch, or (neither given) all of them. Answers how many were dismissed.',
    input: z.object({
      ids: z.array(z.number().int().positive()).min(1).max(10_000).optional(),
      batchId: BatchId.optional(),
    }),
    output: z.object({ dismissed: z.number().int() }),
    example: { input: { ids: [7] }, output: { dismissed: 1 } },
  }),
};

export const recordingEvents = {
  'import.progress': defineEvent({
    summary: 'One file of an import batch finished (or the batch started/finished): drives the Import view live.',
    payload: ImportProgress,
  }),
};
