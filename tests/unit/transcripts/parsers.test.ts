import { describe, expect, it } from 'vitest';
import { detectTranscriptFormat, parseTranscriptFile } from '../../../main/transcripts/detect.js';
import { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import { generateCalls } from '../../helpers/fixtures.js';
import * as S from './samples.js';

const truth = generateCalls().truth('billing-refund-good');
const texts = truth.turns.map((x) => x.text);
const roles = truth.turns.map((x) => x.speaker);

function expectCall(t: NormalizedTranscript, opts: { times?: boolean; words?: boolean } = {}) {
  expect(NormalizedTranscript.safeParse(t).success).toBe(true);
  expect(t.segments.map((s) => s.text)).toEqual(texts);
  expect(t.segments.map((s) => s.role)).toEqual(roles);
  for (const [i, s] of t.segments.entries()) {
    if (opts.times !== false) {
      expect(s.start).toBeCloseTo(truth.turns[i]!.start, 1);
      expect(s.end).toBeCloseTo(truth.turns[i]!.end, 1);
    }
    expect(s.words.map((w) => w.text).join(' ')).toBe(s.text);
    for (const w of s.words) {
      expect(w.start).toBeGreaterThanOrEqual(s.start - 1e-6);
      expect(w.end).toBeLessThanOrEqual(s.end + 1e-6);
      expect(w.end).toBeGreaterThanOrEqual(w.start);
    }
  }
  const agent = t.speakers.find((s) => s.role === 'agent')!;
  expect(agent).toBeDefined();
  expect(t.speakers.find((s) => s.role === 'customer')).toBeDefined();
  return agent;
}

describe('transcript parsers', () => {
  it('ElevenLabs single-channel (diarized words)', () => {
    const file = S.toElevenLabs(truth);
    expect(detectTranscriptFormat('call.json', file)).toBe('elevenlabs_json');
    const t = parseTranscriptFile('call.json', file, { companyNames: ['Northwind Energy'] });
    const agent = expectCall(t);
    expect(agent).toMatchObject({ id: 'speaker_0', roleSource: 'content' });
    expect(t.language).toBe('eng');
    expect(t.durationSec).toBe(truth.duration_s);
    expect(t.segments[0]!.words[0]!.confidence).toBeCloseTo(Math.exp(-0.05), 6);
  });

  it('ElevenLabs multichannel: channel 0 is the agent', () => {
    const file = S.toElevenLabsMultichannel(truth);
    expect(detectTranscriptFormat('call.json', file)).toBe('elevenlabs_multichannel_json');
    const agent = expectCall(parseTranscriptFile('call.json', file));
    expect(agent).toMatchObject({ id: 'channel_0', roleConfidence: 1, roleSource: 'channel' });
  });

  it('ElevenLabs skips audio events and fills missing word times', () => {
    const file = JSON.stringify({
      language_code: 'en',
      language_probability: 1,
      text: 'Hello (laughs) there',
      words: [
        { text: 'Hello', start: 0, end: 0.5, type: 'word', speaker_id: 'speaker_0', logprob: 0 },
        { text: ' ', start: 0.5, end: 0.6, type: 'spacing', logprob: 0 },
        { text: '(laughs)', start: 0.6, end: 1, type: 'audio_event', logprob: 0 },
        { text: 'there', start: null, end: null, type: 'word', speaker_id: 'speaker_0', logprob: 0 },
      ],
    });
    const t = parseTranscriptFile('x.json', file);
    expect(t.segments).toHaveLength(1);
    expect(t.segments[0]!.text).toBe('Hello there');
    expect(t.segments[0]!.words[1]).toMatchObject({ text: 'there', start: 0.5, end: 0.5 });
  });

  it('OpenAI verbose_json with words and segments', () => {
    const file = S.toOpenAiVerbose(truth);
    expect(detectTranscriptFormat('call.json', file)).toBe('openai_verbose_json');
    const t = parseTranscriptFile('call.json', file, { companyNames: ['Northwind Energy'] });
    // One speaker label (no diarization): the whole call is one speaker, its role decided from content.
    expect(t.segments.map((s) => s.text)).toEqual(texts);
    expect(new Set(t.segments.map((s) => s.speaker))).toEqual(new Set(['speaker_0']));
    expect(t.segments[0]!.words[0]).toMatchObject({ text: 'Thank', start: truth.turns[0]!.start });
    expect(t.language).toBe('english');
  });

  it('OpenAI verbose_json without words interpolates them', () => {
    const t = parseTranscriptFile('call.json', S.toOpenAiVerbose(truth, false));
    expect(t.segments[1]!.words.map((w) => w.text).join(' ')).toBe(texts[1]);
    expect(t.segments[1]!.words[0]!.start).toBeCloseTo(truth.turns[1]!.start, 6);
  });

  it('OpenAI diarized_json with speaker letters, and with known speaker names', () => {
    const file = S.toOpenAiDiarized(truth);
    expect(detectTranscriptFormat('call.json', file)).toBe('openai_diarized_json');
    expect(expectCall(parseTranscriptFile('call.json', file)).id).toBe('A');
    const named = parseTranscriptFile('call.json', S.toOpenAiDiarized(truth, 'agent', 'customer'));
    expect(expectCall(named)).toMatchObject({ id: 'agent', roleSource: 'import', roleConfidence: 1 });
  });

  it('SRT with Agent:/Customer: labels', () => {
    const file = S.toSrt(truth);
    expect(detectTranscriptFormat('call.srt', file)).toBe('srt');
    expect(expectCall(parseTranscriptFile('call.srt', file))).toMatchObject({ id: 'agent', roleSource: 'import' });
  });

  it('WebVTT with voice tags', () => {
    const file = S.toVtt(truth);
    expect(detectTranscriptFormat('call.vtt', file)).toBe('vtt');
    const t = parseTranscriptFile('call.vtt', file, { companyNames: ['Northwind Energy'] });
    const agent = expectCall(t);
    expect(agent).toMatchObject({ id: 'Dana Ruiz', name: 'Dana Ruiz', roleSource: 'content' });
  });

  it('WebVTT with several voices in one cue and entities', () => {
    const file = 'WEBVTT\n\n00:00.000 --> 00:04.000\n<v Agent>Hello &amp; welcome.</v> <v Customer>Hi there.</v>\n';
    const t = parseTranscriptFile('x.vtt', file);
    expect(t.segments.map((s) => [s.speaker, s.text])).toEqual([
      ['agent', 'Hello & welcome.'],
      ['customer', 'Hi there.'],
    ]);
    expect(t.segments[1]!.start).toBeGreaterThan(1.5);
    expect(t.segments[1]!.end).toBe(4);
  });

  it('plain text with [mm:ss] times', () => {
    const file = S.toTxt(truth, true);
    expect(detectTranscriptFormat('call.txt', file)).toBe('txt');
    const t = parseTranscriptFile('call.txt', file);
    expectCall(t, { times: false });
    t.segments.forEach((s, i) => expect(s.start).toBe(Math.floor(truth.turns[i]!.start)));
  });

  it('plain text without times estimates them in order, and joins continuation lines', () => {
    const t = parseTranscriptFile('call.txt', 'Agent: Hello, how can I help?\nCustomer: My bill is wrong.\nIt is far too high.\n[00:30] Agent: Let me check.');
    expect(t.segments.map((s) => s.text)).toEqual(['Hello, how can I help?', 'My bill is wrong. It is far too high.', 'Let me check.']);
    expect(t.segments[0]!.start).toBe(0);
    expect(t.segments[1]!.start).toBeGreaterThan(0);
    expect(t.segments[1]!.start).toBeLessThan(30);
    expect(t.segments[2]!.start).toBe(30);
    for (let i = 1; i < t.segments.length; i++) expect(t.segments[i]!.start).toBeGreaterThanOrEqual(t.segments[i - 1]!.end);
  });
});

describe('malformed transcripts name the file and line', () => {
  const bad = (name: string, content: string, line: number, msg?: RegExp) => {
    try {
      parseTranscriptFile(name, content);
    } catch (e) {
      expect(e).toMatchObject({ name: 'AppError', category: 'invalid_input' });
      const m = (e as Error).message;
      expect(m).toContain(`${name}, line ${line}:`);
      if (msg) expect(m).toMatch(msg);
      return;
    }
    throw new Error('expected a parse error');
  };

  it('JSON syntax errors', () => bad('call.json', '{\n  "language_code": "en",\n  "words": [\n    {"text": "hi",}\n  ]\n}', 4, /not valid JSON/));
  it('JSON that is not a transcript', () => bad('call.json', '{"hello": 1}', 1, /not a transcript format/));
  it('ElevenLabs word with a wrong type', () =>
    bad('el.json', '{\n "language_code": "en",\n "text": "",\n "words": [\n  {"text": "a", "type": "word", "logprob": 0},\n  {"text": "b", "type": "nonsense", "logprob": 0}\n ]\n}', 6, /words\.1\.type/));
  it('OpenAI verbose segment missing times', () =>
    bad('oa.json', '{\n"language": "en",\n"duration": 3,\n"text": "x",\n"segments": [\n{"text": "x", "start": 0}\n]\n}', 6, /segments\.0\.end/));
  it('OpenAI diarized segment without text', () =>
    bad('d.json', '{\n"task": "transcribe",\n"duration": 3,\n"text": "x",\n"segments": [\n{"speaker": "A",\n"start": 0, "end": 1}\n]\n}', 6));
  it('SRT with a broken timing line', () => bad('c.srt', '1\n00:00:01,000 --> 00:00:02,000\nAgent: hi\n\n2\n00:00:03,000 -> 00:00:04,000\nCustomer: hello\n', 6, /timing line/));
  it('SRT with a bad timestamp', () => bad('c.srt', '1\n00:00:01,000 --> 00:0x:02,000\nAgent: hi\n', 2, /not a timestamp/));
  it('SRT cue ending before it starts', () => bad('c.srt', '\n\n1\n00:00:05,000 --> 00:00:02,000\nAgent: hi\n', 4, /ends/));
  it('VTT without header', () => bad('c.vtt', '00:00.000 --> 00:01.000\nhi\n', 1, /WEBVTT/));
  it('VTT with a bad cue', () => bad('c.vtt', 'WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n\nid\n00:02.000 --> nope\nyo\n', 7, /WebVTT timestamp/));
  it('TXT without a speaker label', () => bad('c.txt', '\n\nHello there\nAgent: hi', 3, /speaker label/));
  it('TXT with times going backwards', () => bad('c.txt', '[00:10] Agent: hi\n[00:05] Customer: hello', 2, /earlier/));
  it('TXT with an impossible time', () => bad('c.txt', 'Agent: hi\n[00:75] Customer: hello', 2, /not a time/));
  it('an empty text file', () => bad('c.txt', '\n\n', 1, /no transcript lines/));
});
