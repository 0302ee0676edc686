import type { CallTruth } from '../helpers/fixtures.js';
import type { FixtureRegistry } from './fixtures-registry.js';
import { formToObject, readMultipart } from './multipart.js';
import { ERROR_SCHEMA, invalidRequest, schemaRejection } from './openai-errors.js';
import type { Route, RouteResult } from './server-core.js';
import type { SpecValidator } from './spec-check.js';
import { approxTokens, bareWord, callWords, genericTruthFor, truthText } from './transcript.js';

/**
 * POST /v1/audio/transcriptions: validates the multipart form against CreateTranscriptionRequest plus
 * the model/format rules the spec states in prose, looks the audio up by hash and answers in the
 * requested format, each body checked against its own response schema.
 */
const SCHEMAS = {
  json: '#/components/schemas/CreateTranscriptionResponseJson',
  verbose_json: '#/components/schemas/CreateTranscriptionResponseVerboseJson',
  diarized_json: '#/components/schemas/CreateTranscriptionResponseDiarizedJson',
} as const;

const AUDIO_EXTENSIONS = ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm'];
const DIARIZE_MODEL = 'gpt-4o-transcribe-diarize';
const FORMATS_BY_MODEL: Record<string, string[]> = {
  'whisper-1': ['json', 'text', 'srt', 'verbose_json', 'vtt'],
  [DIARIZE_MODEL]: ['json', 'text', 'diarized_json'],
};
const TOKEN_FORMATS = ['json', 'text']; // gpt-4o-transcribe, gpt-4o-mini-transcribe and snapshots

export interface TranscriptionOptions {
  spec: SpecValidator;
  registry: FixtureRegistry;
  unknownAudio: 'reject' | 'generic';
}

interface TranscriptionRequest {
  model: string;
  response_format?: string;
  timestamp_granularities?: string[];
  chunking_strategy?: unknown;
  known_speaker_names?: string[];
  prompt?: string;
  include?: string[];
  stream?: boolean | null;
}

function clock(seconds: number, sep: ',' | '.'): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${sep}${pad(ms % 1000, 3)}`;
}

function subtitles(truth: CallTruth, kind: 'srt' | 'vtt'): string {
  const cues = truth.turns.map((t, i) => {
    const range = `${clock(t.start, kind === 'srt' ? ',' : '.')} --> ${clock(t.end, kind === 'srt' ? ',' : '.')}`;
    return kind === 'srt' ? `${i + 1}\n${range}\n${t.text}\n` : `${range}\n${t.text}\n`;
  });
  return kind === 'srt' ? cues.join('\n') : `WEBVTT\n\n${cues.join('\n')}`;
}

function tokenUsage(truth: CallTruth, text: string): Record<string, unknown> {
  // gpt-4o audio is billed around 10 tokens a second of audio.
  const audio = Math.max(1, Math.round(truth.duration_s * 10));
  const output = approxTokens(text);
  return { type: 'tokens', input_tokens: audio, input_token_details: { text_tokens: 0, audio_tokens: audio }, output_tokens: output, total_tokens: audio + output };
}

function durationUsage(truth: CallTruth): Record<string, unknown> {
  return { type: 'duration', seconds: Math.ceil(truth.duration_s) };
}

/** Model/format rules the spec documents in descriptions rather than in the schema. */
function ruleViolation(body: TranscriptionRequest, truth: CallTruth | undefined): RouteResult | null {
  const format = body.response_format ?? 'json';
  const allowed = FORMATS_BY_MODEL[body.model] ?? TOKEN_FORMATS;
  if (!allowed.includes(format)) {
    return invalidRequest(`response_format '${format}' is not compatible with model '${body.model}'. Use one of: ${allowed.join(', ')}.`, 'response_format', 'unsupported_value');
  }
  if (body.timestamp_granularities?.length && format !== 'verbose_json') {
    return invalidRequest('timestamp_granularities is only supported with response_format verbose_json.', 'timestamp_granularities', 'unsupported_value');
  }
  if (body.stream) return invalidRequest('Streaming is not supported by this fake.', 'stream', 'unsupported_value');
  if (body.model === DIARIZE_MODEL) {
    if (body.prompt !== undefined) return invalidRequest(`prompt is not supported with ${DIARIZE_MODEL}.`, 'prompt', 'unsupported_value');
    if (body.include?.length) return invalidRequest(`include is not supported with ${DIARIZE_MODEL}.`, 'include', 'unsupported_value');
    if (truth && truth.duration_s > 30 && (body.chunking_strategy === undefined || body.chunking_strategy === null)) {
      return invalidRequest('chunking_strategy is required for diarization models when the input is longer than 30 seconds.', 'chunking_strategy', 'missing_required_parameter');
    }
  }
  return null;
}

function diarized(truth: CallTruth, knownNames: string[]): Record<string, unknown> {
  // Labels follow order of first appearance ('A', 'B'...), or the known speaker names in that order.
  const labels = new Map<string, string>();
  const label = (speaker: string): string => {
    let l = labels.get(speaker);
    if (!l) {
      l = knownNames[labels.size] ?? String.fromCharCode(65 + labels.size);
      labels.set(speaker, l);
    }
    return l;
  };
  const segments = truth.turns.map((t, i) => ({
    type: 'transcript.text.segment',
    id: `seg_${String(i + 1).padStart(3, '0')}`,
    start: t.start,
    end: t.end,
    text: t.text,
    speaker: label(t.speaker),
  }));
  // As in the spec's example, diarized `text` carries one "speaker: text" line per segment.
  const text = segments.map((s) => `${s.speaker}: ${s.text}`).join('\n');
  return { task: 'transcribe', duration: truth.duration_s, text, segments, usage: tokenUsage(truth, text) };
}

function verbose(truth: CallTruth, granularities: string[]): Record<string, unknown> {
  const text = truthText(truth);
  const out: Record<string, unknown> = { task: 'transcribe', language: 'english', duration: truth.duration_s, text };
  if (granularities.includes('word')) {
    out.words = callWords(truth).map((w) => ({ word: bareWord(w.text), start: w.start, end: w.end }));
  }
  if (granularities.length === 0 || granularities.includes('segment')) {
    out.segments = truth.turns.map((t, i) => ({
      id: i,
      seek: Math.round(t.start * 100),
      start: t.start,
      end: t.end,
      text: ` ${t.text}`, // Whisper segments start with the space that separated them
      tokens: t.text.split(/\s+/).map((_, j) => 50364 + i * 100 + j),
      temperature: 0,
      avg_logprob: -0.21,
      compression_ratio: 1.3,
      no_speech_prob: 0.01,
    }));
  }
  out.usage = durationUsage(truth);
  return out;
}

export function transcriptionRoute(options: TranscriptionOptions): Route {
  const { spec, registry } = options;
  const pointer = spec.requestPointer('/audio/transcriptions', 'multipart/form-data');
  spec.warm({ form: [pointer], json: [...Object.values(SCHEMAS), ERROR_SCHEMA] });
  return async (req, ctx) => {
    if (!(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      req.resume();
      ctx.violation('request', ['content-type must be multipart/form-data']);
      return invalidRequest("Invalid Content-Type header (expected multipart/form-data).", null);
    }
    const form = await readMultipart(req);
    const body = formToObject(form);
    const errors = spec.validateForm(pointer, body);
    if (errors.length) {
      ctx.violation('request', errors);
      return schemaRejection(errors);
    }
    const request = body as unknown as TranscriptionRequest;
    const file = form.files.find((f) => f.field === 'file');
    if (!file) return invalidRequest('file is required', 'file', 'missing_required_parameter');
    const ext = file.filename.split('.').pop()?.toLowerCase() ?? '';
    if (!AUDIO_EXTENSIONS.includes(ext)) {
      ctx.violation('request', [`unsupported file extension '${ext}'`]);
      return invalidRequest(`Invalid file format. Supported formats: ${JSON.stringify(AUDIO_EXTENSIONS)}`, 'file', 'invalid_value');
    }
    const known = registry.lookup(file.data);
    if (!known && options.unknownAudio === 'reject') {
      return invalidRequest('Audio file might be corrupted or unsupported', 'file', 'invalid_value');
    }
    const truth = known?.truth ?? (await genericTruthFor(file.data));
    const rule = ruleViolation(request, truth);
    if (rule) {
      ctx.violation('request', [String((rule.body as { error: { message: string } }).error.message)]);
      return rule;
    }
    const format = request.response_format ?? 'json';
    switch (format) {
      case 'text':
        return { status: 200, body: `${truthText(truth)}\n`, contentType: 'text/plain' };
      case 'srt':
      case 'vtt':
        return { status: 200, body: subtitles(truth, format), contentType: 'text/plain' };
      case 'diarized_json': {
        const result = diarized(truth, request.known_speaker_names ?? []);
        return { status: 200, body: result, schema: SCHEMAS.diarized_json, corrupt: () => ({ ...result, segments: 'not-a-list', task: undefined }) };
      }
      case 'verbose_json': {
        const result = verbose(truth, request.timestamp_granularities ?? []);
        return { status: 200, body: result, schema: SCHEMAS.verbose_json, corrupt: () => ({ ...result, text: 42, language: undefined }) };
      }
      default: {
        const text = truthText(truth);
        const usage = request.model === 'whisper-1' ? durationUsage(truth) : tokenUsage(truth, text);
        return { status: 200, body: { text, usage }, schema: SCHEMAS.json, corrupt: () => ({ transcript: text }) };
      }
    }
  };
}
