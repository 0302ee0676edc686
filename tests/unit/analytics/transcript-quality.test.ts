import { describe, expect, it } from 'vitest';
import { languageKey, sameLanguage } from '../../../main/analytics/languages.js';
import { transcriptQuality } from '../../../main/analytics/transcript-quality.js';
import type { ChannelStats } from '../../../preload/contract/schemas/audio-metrics.js';
import { scriptToTranscript } from '../../helpers/truth-transcript.js';

const t = scriptToTranscript([
  ['agent', 'Thank you for calling Northwind, how can I help you today?'],
  ['customer', 'Hi, I was charged twice for my October bill.'],
  ['agent', 'I am sorry about that, let me look at your account now.'],
  ['customer', 'Thank you, that would be great.'],
]);
const channel = (i: number, segments: [number, number][]): ChannelStats => ({
  channel: i, role: i === 0 ? 'agent' : 'customer', talkSeconds: 0, rmsDbfs: null, speechRmsDbfs: null, peakDbfs: null, noiseFloorDbfs: null, segments,
});
const speechOf = (role: string) => t.segments.filter((s) => s.role === role).map((s) => [s.start, s.end] as [number, number]);
const audio = { stereoSplit: true, channelStats: [channel(0, speechOf('agent')), channel(1, speechOf('customer'))] };

describe('transcript quality', () => {
  it('a clean transcript whose words sit in the audio\'s speech scores 100 with nothing to report', () => {
    const q = transcriptQuality(t, audio, 'en');
    expect(q).toMatchObject({ score: 100, reasons: [], lowConfidenceShare: 0, outsideSpeechShare: 0, overtalkShare: 0, languageMismatch: false });
  });

  it('words where the audio is silent, inaudible markers and unsure words each cost in proportion', () => {
    // The audio hears only the first two lines: the rest of the words are timed over silence.
    const silent = { stereoSplit: true, channelStats: [channel(0, [speechOf('agent')[0]!]), channel(1, [speechOf('customer')[0]!])] };
    const q = transcriptQuality(t, silent, '');
    const words = t.segments.map((s) => s.words.length);
    const total = words.reduce((a, b) => a + b, 0);
    const share = (words[2]! + words[3]!) / total;
    expect(q.outsideSpeechShare).toBeCloseTo(share, 3);
    expect(q.score).toBe(Math.round(100 - share * 60));
    expect(q.reasons).toEqual([`${Math.round(share * 100)}% of words where the audio has nobody speaking`]);

    const marked = { ...t, segments: t.segments.map((s, i) => (i === 1 ? { ...s, text: 'Hi, I was [inaudible] [inaudible] for my (unintelligible) bill.' } : s)) };
    const tokens = marked.segments.reduce((n, s) => n + s.text.split(/\s+/).length, 0);
    expect(transcriptQuality(marked, null, '').inaudibleShare).toBeCloseTo(3 / tokens, 3);

    const unsure = { ...t, segments: t.segments.map((s) => ({ ...s, words: s.words.map((w, i) => ({ ...w, confidence: i % 2 ? 0.2 : 0.95 })) })) };
    const u = transcriptQuality(unsure, null, '');
    const odd = unsure.segments.reduce((n, s) => n + Math.floor(s.words.length / 2), 0) / unsure.segments.reduce((n, s) => n + s.words.length, 0);
    expect(u.lowConfidenceShare).toBeCloseTo(odd, 3);
    expect(u.score).toBe(Math.round(100 - odd * 100));
  });

  it('unknown parts cost nothing and say so (no confidences, no audio, no expected language)', () => {
    const bare = { ...t, language: null, segments: t.segments.map((s) => ({ ...s, words: s.words.map((w) => ({ ...w, confidence: null })) })) };
    expect(transcriptQuality(bare, null, 'en')).toMatchObject({ score: 100, lowConfidenceShare: null, outsideSpeechShare: null, overtalkShare: null, languageMismatch: null });
  });

  it('a transcript in another language than the calls costs 40 points', () => {
    expect(transcriptQuality({ ...t, language: 'spa' }, audio, 'english')).toMatchObject({ score: 60, languageMismatch: true });
  });
});

describe('language names', () => {
  it('ISO 639-1, 639-3, English names and regional tags meet', () => {
    expect(sameLanguage('en', 'eng')).toBe(true);
    expect(sameLanguage('en-GB', 'English')).toBe(true);
    expect(sameLanguage('spanish', 'spa')).toBe(true);
    expect(sameLanguage('en', 'spa')).toBe(false);
    expect(languageKey('Klingon')).toBe('klingon');
  });
});
