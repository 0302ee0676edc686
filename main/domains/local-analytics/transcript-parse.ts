import type { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import { AppError } from '../../errors.js';
import { detectTranscriptFormat, parseTranscriptFile } from '../../transcripts/detect.js';

/**
 * Reading an existing transcript file (ElevenLabs/OpenAI JSON, SRT, WebVTT, "Agent:" text): pure, so
 * it also runs in the jobs pool (worker-tasks.ts) — a large single-line file takes long enough to
 * stall every other request if parsed on the API's event loop.
 */
export interface ParsedTranscriptFile {
  fileName: string;
  format: string;
  transcript: NormalizedTranscript;
}

/** Parse only; throws invalid_input with the file name and line of the first problem. */
export function parseTranscriptUpload(fileName: string, content: string): ParsedTranscriptFile {
  if (content.trim() === '') {
    throw new AppError('invalid_input', `${fileName}, line 1: the transcript file is empty.`, 'Export the transcript again and attach the new file.', { details: { fileName, line: 1 } });
  }
  const format = detectTranscriptFormat(fileName, content);
  const transcript = parseTranscriptFile(fileName, content);
  if (transcript.segments.length === 0) {
    throw new AppError('invalid_input', `${fileName}, line 1: the file has no transcript lines.`, 'Check that this is the transcript of the call and that it is not empty.', { details: { fileName, line: 1 } });
  }
  return { fileName, format, transcript };
}

