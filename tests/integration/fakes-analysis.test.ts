import { describe, expect, it } from 'vitest';
import { defaultAnalyze, type JsonSchema, strictSchemaProblems, transcriptLines } from '../fakes/analysis.js';

// The default "model": finds the transcript however the app formats it and cites it faithfully.
const evidenceSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      minItems: 3,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['quote', 'speaker', 'start'],
        properties: { quote: { type: 'string' }, speaker: { type: 'string', enum: ['agent', 'customer'] }, start: { type: 'number' } },
      },
    },
  },
};

const ask = (transcript: string, instructions = ''): { items: { quote: string; speaker: string; start: number }[] } =>
  defaultAnalyze({ api: 'responses', model: 'm', schema: evidenceSchema, schemaName: 'e', transcript, instructions, body: {} }) as {
    items: { quote: string; speaker: string; start: number }[];
  };

describe('default analysis generator', () => {
  it('reads "[mm:ss] Speaker: text" lines and skips one-off framing lines', () => {
    const lines = transcriptLines(
      'Rubric: score every criterion\nTranscript:\n[00:01.5] Agent: Thanks for calling, how can I help?\n[01:02] Customer: My bill is wrong this month.\n[01:10] Agent: Let me check that for you.',
    );
    expect(lines.map((l) => [l.speaker, l.start])).toEqual([
      ['agent', 1.5],
      ['customer', 62],
      ['agent', 70],
    ]);
  });

  it('reads JSON segments', () => {
    const input = JSON.stringify([
      { speaker: 'agent', start: 0, end: 2, text: 'Hello there, this is support.' },
      { speaker: 'customer', start: 2.5, end: 4, text: 'Hi, my card was charged twice.' },
    ]);
    const out = ask(input);
    for (const item of out.items) {
      expect(['Hello there, this is support.', 'Hi, my card was charged twice.']).toContain(item.quote);
      expect(item.start).toBe(item.quote.startsWith('Hello') ? 0 : 2.5);
      expect(item.speaker).toBe(item.quote.startsWith('Hello') ? 'agent' : 'customer');
    }
    expect(out.items).toHaveLength(3);
  });

  it('falls back to the instructions when the user message has no transcript', () => {
    const out = ask('Score this call.', 'agent: Good morning, you are through to billing.\ncustomer: I want to cancel my contract today.');
    expect(out.items.every((i) => i.quote.length > 10)).toBe(true);
  });

  it("flags schemas OpenAI's strict mode would refuse", () => {
    expect(strictSchemaProblems(evidenceSchema)).toEqual([]);
    const loose = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'object', properties: {} } }, required: ['a'] };
    expect(strictSchemaProblems(loose).join('\n')).toMatch(/additionalProperties.*\n.*Missing 'b'/s);
  });
});
