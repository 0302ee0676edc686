import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import { AppError } from '../errors.js';
import { parseElevenLabsJson, parseElevenLabsMultichannelJson } from './parsers/elevenlabs.js';
import { parseJsonSource, type JsonSource } from './parsers/json-source.js';
import { parseOpenAiDiarizedJson, parseOpenAiVerboseJson } from './parsers/openai.js';
import { parseSrt } from './parsers/srt.js';
import { parseTxt } from './parsers/txt.js';
import { parseVtt } from './parsers/vtt.js';
import { checkCueCount, checkParsedTranscript } from './limits.js';
import { assignRoles, type RoleOptions } from './roles.js';

/** Which transcript format a file is, from its content first and its extension second. */

export const transcriptFormats = [
  'elevenlabs_json',
  'elevenlabs_multichannel_json',
  'openai_verbose_json',
  'openai_diarized_json',
  'srt',
  'vtt',
  'txt',
] as const;
export type TranscriptFormat = (typeof transcriptFormats)[number];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Tell the JSON shapes apart by their distinctive keys (each provider's schema has its own). */
export function detectJsonFormat(value: unknown): TranscriptFormat | null {
  if (!isObject(value)) return null;
  if (Array.isArray(value.transcripts)) return 'elevenlabs_multichannel_json';
  const words = Array.isArray(value.words) ? value.words : [];
  if ('language_code' in value || words.some((w) => isObject(w) && 'type' in w && 'text' in w)) return 'elevenlabs_json';
  const segments = Array.isArray(value.segments) ? value.segments : [];
  if (value.task === 'transcribe' && segments.some((s) => isObject(s) && 'speaker' in s)) return 'openai_diarized_json';
  if (segments.some((s) => isObject(s) && 'speaker' in s)) return 'openai_diarized_json';
  if ('language' in value || 'duration' in value || words.some((w) => isObject(w) && 'word' in w)) return 'openai_verbose_json';
  return null;
}

export function detectTranscriptFormat(fileName: string, content: string): TranscriptFormat {
  return detect(fileName, content).format;
}

/** The format, and for JSON the parsed source (parsed once: transcript JSON can be tens of MB). */
function detect(fileName: string, content: string): { format: TranscriptFormat; src?: JsonSource } {
  const head = content.replace(/^\uFEFF/, '').trimStart();
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'json' || head.startsWith('{')) {
    const src = parseJsonSource(fileName, content);
    const format = detectJsonFormat(src.value);
    if (!format) {
      throw new AppError(
        'invalid_input',
        `${fileName}, line 1: not a transcript format we know (expected ElevenLabs or OpenAI transcription JSON)`,
        'Export the transcript as ElevenLabs or OpenAI JSON, SRT, WebVTT or plain text with "Agent:" / "Customer:" lines.',
        { details: { fileName, line: 1 } },
      );
    }
    return { format, src };
  }
  if (head.startsWith('WEBVTT') || ext === 'vtt') return { format: 'vtt' };
  if (ext === 'srt' || /^\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->/.test(head)) return { format: 'srt' };
  return { format: 'txt' };
}

/**
 * Parse a transcript file of any supported format into a NormalizedTranscript, then settle speaker
 * roles (channel split or content) where the file did not state them. Throws AppError('invalid_input')
 * naming the file and line of the first problem.
 */
export function parseTranscriptFile(fileName: string, content: string, roleOptions: RoleOptions = {}): NormalizedTranscript {
  const { format, src } = detect(fileName, content);
  if (!src) checkCueCount(fileName, content, format);
  const parsed = (() => {
    switch (format) {
      case 'elevenlabs_json':
        return parseElevenLabsJson(fileName, content, src);
      case 'elevenlabs_multichannel_json':
        return parseElevenLabsMultichannelJson(fileName, content, src);
      case 'openai_verbose_json':
        return parseOpenAiVerboseJson(fileName, content, src);
      case 'openai_diarized_json':
        return parseOpenAiDiarizedJson(fileName, content, src);
      case 'srt':
        return parseSrt(fileName, content);
      case 'vtt':
        return parseVtt(fileName, content);
      case 'txt':
        return parseTxt(fileName, content);
    }
  })();
  checkParsedTranscript(fileName, parsed);
  return assignRoles(parsed, roleOptions);
}
