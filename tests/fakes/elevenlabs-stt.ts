import type { IncomingMessage } from 'node:http';
import type { CallTruth } from '../helpers/fixtures.js';
import type { FixtureRegistry } from './fixtures-registry.js';
import { formToObject, readMultipart } from './multipart.js';
import type { ErrorObject } from 'ajv';
import type { Route, RouteResult } from './server-core.js';
import { formatErrors, type SpecValidator } from './spec-check.js';
import { callWords, genericTruthFor, type TimedWord, truthText } from './transcript.js';

/**
 * POST /v1/speech-to-text: validates the form against Body_Speech_to_Text_v1_speech_to_text_post,
 * errors in FastAPI's 422 shape (HTTPValidationError), and answers SpeechToTextChunkResponseModel
 * or, for `use_multi_channel=true` on a stereo file, MultichannelSpeechToTextResponseModel
 * (channel 0 = left = agent, channel 1 = right = customer).
 */
const CHUNK = '#/components/schemas/SpeechToTextChunkResponseModel';
const MULTI = '#/components/schemas/MultichannelSpeechToTextResponseModel';
const VALIDATION = '#/components/schemas/HTTPValidationError';
const PATH = '/v1/speech-to-text';

/** Form fields the SDK sends as JSON text rather than as parts. */
const JSON_FIELDS = ['additional_formats'];

export interface SttOptions {
  spec: SpecValidator;
  registry: FixtureRegistry;
  unknownAudio: 'reject' | 'generic';
}

interface SttRequest {
  model_id: string;
  diarize?: boolean;
  num_speakers?: number | null;
  tag_audio_events?: boolean;
  timestamps_granularity?: 'none' | 'word' | 'character';
  use_multi_channel?: boolean;
  multichannel_output_style?: 'separate' | 'combined';
  webhook?: boolean;
  source_url?: string | null;
  cloud_storage_url?: string | null;
}

/** Pydantic's wording for the checks ajv reports, so SDK users see what the service would say. */
function pydanticEntry(e: ErrorObject): { type: string; loc: (string | number)[]; msg: string } {
  const loc: (string | number)[] = ['body', ...e.instancePath.split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p))];
  const p = e.params as { missingProperty?: string; allowedValues?: unknown[]; limit?: number; type?: string };
  switch (e.keyword) {
    case 'required':
      return { type: 'missing', loc: [...loc, p.missingProperty ?? '?'], msg: 'Field required' };
    case 'enum':
      return { type: 'literal_error', loc, msg: `Input should be ${(p.allowedValues ?? []).map((v) => `'${String(v)}'`).join(' or ')}` };
    case 'maximum':
      return { type: 'less_than_equal', loc, msg: `Input should be less than or equal to ${p.limit}` };
    case 'minimum':
      return { type: 'greater_than_equal', loc, msg: `Input should be greater than or equal to ${p.limit}` };
    case 'type':
      return { type: `${p.type}_parsing`, loc, msg: `Input should be a valid ${p.type}` };
    default:
      return { type: 'value_error', loc, msg: e.message ?? e.keyword };
  }
}

/** FastAPI's 422: one entry per offending field, the most specific of ajv's errors for it. */
export function validationError(errors: ErrorObject[]): RouteResult {
  const rank = (e: ErrorObject): number =>
    e.keyword === 'anyOf' || (e.keyword === 'type' && (e.params as { type?: string }).type === 'null') ? 9 : e.keyword === 'type' ? 5 : 1;
  const byField = new Map<string, ErrorObject>();
  for (const e of errors) {
    const key = e.instancePath + (e.keyword === 'required' ? `/${String((e.params as { missingProperty?: string }).missingProperty)}` : '');
    const prev = byField.get(key);
    if (!prev || rank(e) < rank(prev)) byField.set(key, e);
  }
  return { status: 422, body: { detail: [...byField.values()].map(pydanticEntry) }, schema: VALIDATION };
}

/** A 422 for a rule outside the schema (file missing, undecodable audio). */
function valueError(field: string, msg: string): RouteResult {
  return { status: 422, body: { detail: [{ type: 'value_error', loc: ['body', field], msg: `Value error, ${msg}` }] }, schema: VALIDATION };
}

function arrayFields(spec: SpecValidator, pointer: string): Set<string> {
  const props = ((spec.resolve(pointer) as { properties?: Record<string, { type?: string; anyOf?: { type?: string }[] }> }).properties ?? {});
  return new Set(
    Object.entries(props)
      .filter(([, s]) => s.type === 'array' || (s.anyOf ?? []).some((b) => b.type === 'array'))
      .map(([name]) => name),
  );
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** Words interleaved with the spacing tokens ElevenLabs returns between them. */
function wordsModel(words: TimedWord[], speakerOf: (w: TimedWord) => string, req: SttRequest, channel?: number): Record<string, unknown>[] {
  const timed = req.timestamps_granularity !== 'none';
  const out: Record<string, unknown>[] = [];
  words.forEach((w, i) => {
    const base = { speaker_id: speakerOf(w), ...(channel === undefined ? {} : { channel_index: channel }) };
    const entry: Record<string, unknown> = {
      text: w.text,
      start: timed ? w.start : null,
      end: timed ? w.end : null,
      type: 'word',
      ...base,
      logprob: -((w.text.length % 7) + 1) / 100,
    };
    if (req.timestamps_granularity === 'character') {
      const step = (w.end - w.start) / w.text.length;
      entry.characters = [...w.text].map((c, j) => ({ text: c, start: round(w.start + j * step), end: round(w.start + (j + 1) * step) }));
    }
    out.push(entry);
    const next = words[i + 1];
    if (next) out.push({ text: ' ', start: timed ? w.end : null, end: timed ? Math.max(w.end, next.start) : null, type: 'spacing', ...base, logprob: 0 });
  });
  return out;
}

function chunk(truth: CallTruth, words: TimedWord[], speakerOf: (w: TimedWord) => string, req: SttRequest, channel?: number): Record<string, unknown> {
  return {
    language_code: 'eng',
    language_probability: 0.98,
    text: words.map((w) => w.text).join(' '),
    words: wordsModel(words, speakerOf, req, channel),
    ...(channel === undefined ? {} : { channel_index: channel }),
    transcription_id: `tr_fake_${truth.id}`,
    audio_duration_secs: truth.duration_s,
  };
}

/** Diarized labels by order of first appearance (the agent opens every fixture call: speaker_0). */
function diarizer(req: SttRequest): (w: TimedWord) => string {
  if (!req.diarize || req.num_speakers === 1) return () => 'speaker_0';
  const labels = new Map<string, string>();
  return (w) => {
    let l = labels.get(w.speaker);
    if (!l) labels.set(w.speaker, (l = `speaker_${labels.size}`));
    return l;
  };
}

function transcribe(truth: CallTruth, req: SttRequest): RouteResult {
  if (req.use_multi_channel && truth.channels >= 2) {
    const channels = (['agent', 'customer'] as const).map((speaker, channel) => ({ channel, words: callWords(truth, speaker) }));
    const speakerOf = (channel: number) => () => `speaker_${channel}`;
    if (req.multichannel_output_style === 'combined') {
      const all = channels.flatMap((c) => c.words.map((w) => ({ w, c: c.channel }))).sort((a, b) => a.w.start - b.w.start);
      const words = all.flatMap(({ w, c }) => wordsModel([w], speakerOf(c), req, c));
      const body = { ...chunk(truth, all.map((x) => x.w), () => 'speaker_0', req), words };
      return { status: 200, body, schema: CHUNK, corrupt: () => ({ ...body, words: 'none', text: undefined }) };
    }
    const body = {
      transcripts: channels.map((c) => chunk(truth, c.words, speakerOf(c.channel), req, c.channel)),
      transcription_id: `tr_fake_${truth.id}`,
      audio_duration_secs: truth.duration_s,
    };
    return { status: 200, body, schema: MULTI, corrupt: () => ({ transcripts: [{ text: 1 }] }) };
  }
  const body = chunk(truth, callWords(truth), diarizer(req), req);
  body.text = truthText(truth);
  return { status: 200, body, schema: CHUNK, corrupt: () => ({ ...body, words: 'none', language_code: 5 }) };
}

export function speechToTextRoute(options: SttOptions): Route {
  const { spec, registry } = options;
  const pointer = spec.requestPointer(PATH, 'multipart/form-data');
  spec.warm({ form: [pointer], json: [CHUNK, MULTI, VALIDATION] });
  const arrays = arrayFields(spec, pointer);
  return async (req: IncomingMessage, ctx) => {
    if (!(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      req.resume();
      ctx.violation('request', ['content-type must be multipart/form-data']);
      return valueError('file', 'the body must be multipart/form-data');
    }
    const form = await readMultipart(req);
    const body = formToObject(form, arrays);
    for (const field of JSON_FIELDS) {
      if (typeof body[field] === 'string') {
        try {
          body[field] = JSON.parse(body[field] as string) as unknown;
        } catch {
          // left as a string: validation reports the type error
        }
      }
    }
    const errors = spec.formErrorObjects(pointer, body);
    if (errors.length) {
      ctx.violation('request', formatErrors(errors));
      return validationError(errors);
    }
    const request = body as unknown as SttRequest;
    const file = form.files.find((f) => f.field === 'file');
    if (!file && !request.source_url && !request.cloud_storage_url) {
      ctx.violation('request', ['/ must provide file or source_url']);
      return valueError('file', "either 'file' or 'source_url' must be provided");
    }
    if (request.webhook) {
      return { status: 202, body: { message: 'Request accepted. Transcription result will be sent to the webhook.', request_id: `req_fake_${Date.now()}` } };
    }
    const known = file ? registry.lookup(file.data) : undefined;
    if (!known && options.unknownAudio === 'reject') {
      return valueError('file', 'could not decode the audio file: unsupported or corrupted media');
    }
    return transcribe(known?.truth ?? (await genericTruthFor(file?.data)), request);
  };
}
