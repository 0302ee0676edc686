import type { NormalizedTranscript, TranscriptSegment } from '../../preload/contract/schemas/transcript.js';
import type { CallTruth } from './fixtures.js';

/**
 * A truth file (scripted turns with real start/end times from the synthesised audio) as the normalized
 * transcript a perfect transcriber would return: one segment per turn, speakers "channel_0" (agent)
 * and "channel_1" (customer), words spread evenly inside each turn.
 */
export function truthToTranscript(truth: CallTruth): NormalizedTranscript {
  const segments: TranscriptSegment[] = truth.turns.map((turn) => {
    const speaker = turn.speaker === 'agent' ? 'channel_0' : 'channel_1';
    const tokens = turn.text.split(/\s+/).filter((t) => t !== '');
    const step = (turn.end - turn.start) / Math.max(tokens.length, 1);
    return {
      speaker,
      role: turn.speaker,
      start: turn.start,
      end: turn.end,
      text: turn.text,
      words: tokens.map((text, i) => ({
        text,
        start: turn.start + i * step,
        end: i === tokens.length - 1 ? turn.end : turn.start + (i + 1) * step,
        confidence: 1,
        speaker,
      })),
    };
  });
  return {
    language: 'en',
    durationSec: truth.duration_s,
    speakers: [
      { id: 'channel_0', role: 'agent', name: truth.agent, roleConfidence: 1, roleSource: 'channel' },
      { id: 'channel_1', role: 'customer', name: null, roleConfidence: 1, roleSource: 'channel' },
    ],
    segments,
  };
}

/**
 * A quick transcript from scripted lines for unit tests: turns laid end to end, `secPerWord` seconds per
 * word with `gapSec` between turns, agent on channel_0 and customer on channel_1.
 */
export function scriptToTranscript(
  turns: readonly (readonly ['agent' | 'customer', string])[],
  options: { secPerWord?: number; gapSec?: number; startSec?: number } = {},
): NormalizedTranscript {
  const perWord = options.secPerWord ?? 0.4;
  const gap = options.gapSec ?? 0.5;
  let t = options.startSec ?? 0;
  const turnsWithTimes = turns.map(([speaker, text]) => {
    const n = text.split(/\s+/).filter((w) => w !== '').length;
    const turn = { speaker, text, start: t, end: t + Math.max(n, 1) * perWord };
    t = turn.end + gap;
    return turn;
  });
  return truthToTranscript({
    id: 'script',
    agent: 'Agent',
    expect: {},
    duration_s: t,
    channels: 2,
    turns: turnsWithTimes,
  });
}
