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
