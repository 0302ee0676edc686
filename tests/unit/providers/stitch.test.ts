import { describe, expect, it } from 'vitest';
import { stitchChunks } from '../../../main/providers/chunking/stitch.js';
import { spreadWords } from '../../../main/providers/segments.js';
import type { TranscriptSegment } from '../../../preload/contract/schemas/transcript.js';

const seg = (speaker: string, start: number, end: number, text: string): TranscriptSegment => ({
  speaker, role: 'unknown', start, end, text, words: spreadWords(text, start, end, speaker),
});

describe('stitchChunks', () => {
  it('maps a chunk whose first voice is the other speaker back to the right global labels', () => {
    // Chunk 0: A = agent, B = customer. Chunk 1 starts at 8 s re-hearing B's tail (overlap), so its
    // "A" is the customer and its "B" the agent.
    const out = stitchChunks([
      { plan: { start: 0, end: 11, ownFrom: 0 }, segments: [seg('A', 0, 4, 'hello how can I help'), seg('B', 4.5, 10.5, 'my bill is wrong again today')] },
      { plan: { start: 8, end: 20, ownFrom: 11 }, segments: [seg('A', 0, 2.5, 'wrong again today'), seg('B', 3.5, 7, 'let me check that for you'), seg('A', 7.5, 10, 'thank you')] },
    ]);
    expect(out.unmatchedChunks).toBe(0);
    expect(out.segments.map((s) => [s.speaker, s.start, s.text])).toEqual([
      ['A', 0, 'hello how can I help'],
      ['B', 4.5, 'my bill is wrong again today'],
      ['A', 11.5, 'let me check that for you'],
      ['B', 15.5, 'thank you'],
    ]);
  });

  it('splits a turn cut by the boundary by word times, keeping each word once', () => {
    const out = stitchChunks([
      { plan: { start: 0, end: 10, ownFrom: 0 }, segments: [seg('A', 6, 10, 'one two three four')] },
      { plan: { start: 8, end: 20, ownFrom: 10 }, segments: [seg('A', 0, 4, 'three four five six')] },
    ]);
    expect(out.segments.flatMap((s) => s.words.map((w) => w.text))).toEqual(['one', 'two', 'three', 'four', 'five', 'six']);
  });
});
