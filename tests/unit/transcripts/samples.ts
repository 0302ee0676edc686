import type { CallTruth } from '../../helpers/fixtures.js';

/** Render a truth file in each import format, as the provider or tool would have written it. */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export function srtTime(s: number): string {
  const ms = Math.round(s * 1000);
  return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
}
export const vttTime = (s: number) => srtTime(s).replace(',', '.');
const label = (s: 'agent' | 'customer') => (s === 'agent' ? 'Agent' : 'Customer');

export function toSrt(t: CallTruth): string {
  return t.turns.map((x, i) => `${i + 1}\n${srtTime(x.start)} --> ${srtTime(x.end)}\n${label(x.speaker)}: ${x.text}\n`).join('\n');
}

export function toVtt(t: CallTruth): string {
  const cues = t.turns.map((x, i) => `cue-${i}\n${vttTime(x.start)} --> ${vttTime(x.end)} align:start\n<v ${x.speaker === 'agent' ? t.agent : 'Customer'}>${x.text}</v>\n`);
  return `WEBVTT - ${t.id}\n\nNOTE made for tests\n\n${cues.join('\n')}`;
}

export function toTxt(t: CallTruth, withTimes: boolean): string {
  return t.turns
    .map((x) => `${withTimes ? `[${pad(Math.floor(x.start / 60))}:${pad(Math.floor(x.start % 60))}] ` : ''}${label(x.speaker)}: ${x.text}`)
    .join('\n');
}

function words(t: CallTruth, speakerId: (s: 'agent' | 'customer') => string, only?: 'agent' | 'customer') {
  const out: Record<string, unknown>[] = [];
  for (const turn of t.turns) {
    if (only && turn.speaker !== only) continue;
    const ws = turn.text.split(' ');
    const step = (turn.end - turn.start) / ws.length;
    ws.forEach((w, i) => {
      const start = turn.start + i * step;
      out.push({ text: w, start, end: start + step * 0.9, type: 'word', speaker_id: speakerId(turn.speaker), logprob: -0.05 });
      if (i < ws.length - 1) out.push({ text: ' ', start: start + step * 0.9, end: start + step, type: 'spacing', speaker_id: speakerId(turn.speaker), logprob: 0 });
    });
    out.push({ text: ' ', start: turn.end, end: turn.end, type: 'spacing', speaker_id: speakerId(turn.speaker), logprob: 0 });
  }
  return out;
}

export function toElevenLabs(t: CallTruth): string {
  return JSON.stringify(
    {
      language_code: 'eng',
      language_probability: 0.99,
      text: t.turns.map((x) => x.text).join(' '),
      words: words(t, (s) => (s === 'agent' ? 'speaker_0' : 'speaker_1')),
      audio_duration_secs: t.duration_s,
    },
    null,
    2,
  );
}

export function toElevenLabsMultichannel(t: CallTruth): string {
  const chunk = (who: 'agent' | 'customer', ch: number) => ({
    language_code: 'eng',
    language_probability: 0.99,
    text: t.turns.filter((x) => x.speaker === who).map((x) => x.text).join(' '),
    words: words(t, () => `speaker_${ch}`, who).map((w) => ({ ...w, channel_index: ch })),
    channel_index: ch,
  });
  return JSON.stringify({ transcripts: [chunk('agent', 0), chunk('customer', 1)], audio_duration_secs: t.duration_s }, null, 2);
}

export function toOpenAiVerbose(t: CallTruth, withWords = true): string {
  const segments = t.turns.map((x, i) => ({
    id: i, seek: 0, start: x.start, end: x.end, text: ` ${x.text}`, tokens: [1, 2], temperature: 0, avg_logprob: -0.2, compression_ratio: 1.2, no_speech_prob: 0.01,
  }));
  const ws = withWords ? (words(t, () => 'x') as { text: string; start: number; end: number; type: string }[]).filter((w) => w.type === 'word').map((w) => ({ word: w.text, start: w.start, end: w.end })) : undefined;
  return JSON.stringify({ task: 'transcribe', language: 'english', duration: t.duration_s, text: t.turns.map((x) => x.text).join(' '), segments, words: ws }, null, 2);
}

export function toOpenAiDiarized(t: CallTruth, agentLabel = 'A', customerLabel = 'B'): string {
  const segments = t.turns.map((x, i) => ({
    type: 'transcript.text.segment', id: `seg_${i}`, start: x.start, end: x.end, text: x.text, speaker: x.speaker === 'agent' ? agentLabel : customerLabel,
  }));
  return JSON.stringify({ task: 'transcribe', duration: t.duration_s, text: t.turns.map((x) => x.text).join('\n'), segments, usage: { type: 'duration', seconds: 45 } }, null, 2);
}
