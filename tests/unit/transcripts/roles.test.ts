import { describe, expect, it } from 'vitest';
import { agentScores, assignRoles } from '../../../main/transcripts/roles.js';
import type { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import { generateCalls } from '../../helpers/fixtures.js';
import { truthToTranscript } from '../../helpers/truth-transcript.js';

const calls = generateCalls();

/** The fixture call as a mono diarized transcript: speakers A/B, roles unknown, optionally swapped. */
function diarized(id: string, agentLabel: string, customerLabel: string): NormalizedTranscript {
  const t = truthToTranscript(calls.truth(id));
  const map = (s: string) => (s === 'channel_0' ? agentLabel : customerLabel);
  return {
    ...t,
    speakers: [],
    segments: t.segments.map((s) => ({ ...s, speaker: map(s.speaker), role: 'unknown' as const, words: s.words.map((w) => ({ ...w, speaker: map(w.speaker) })) })),
  };
}

describe('assignRoles', () => {
  it('takes channel 0 as the agent with confidence 1 on a stereo split', () => {
    const t = truthToTranscript(calls.truth('outage-no-disclosure'));
    const r = assignRoles({ ...t, speakers: [], segments: t.segments.map((s) => ({ ...s, role: 'unknown' as const })) });
    expect(r.speakers.find((s) => s.id === 'channel_0')).toMatchObject({ role: 'agent', roleConfidence: 1, roleSource: 'channel' });
    expect(r.speakers.find((s) => s.id === 'channel_1')).toMatchObject({ role: 'customer', roleConfidence: 1 });
    expect(r.segments[0]!.role).toBe('agent');
  });

  it.each(['billing-refund-good', 'card-payment-pii', 'cancel-retention'])('finds the agent from content in %s', (id) => {
    for (const [a, c] of [['speaker_0', 'speaker_1'], ['speaker_1', 'speaker_0']] as const) {
      const r = assignRoles(diarized(id, a, c), { companyNames: ['Northwind Energy'] });
      const agent = r.speakers.find((s) => s.role === 'agent')!;
      expect(agent.id).toBe(a);
      expect(agent.roleSource).toBe('content');
      expect(agent.roleConfidence).toBeGreaterThan(0.7);
      expect(r.segments.filter((s) => s.speaker === a).every((s) => s.role === 'agent')).toBe(true);
      expect(r.speakers.find((s) => s.id === c)!.role).toBe('customer');
    }
  });

  it('is less sure when the agent gives few cues (outage call)', () => {
    const r = assignRoles(diarized('outage-no-disclosure', 'A', 'B'));
    const agent = r.speakers.find((s) => s.role === 'agent')!;
    expect(agent.id).toBe('A');
    const good = assignRoles(diarized('billing-refund-good', 'A', 'B')).speakers.find((s) => s.role === 'agent')!;
    expect(agent.roleConfidence).toBeLessThan(good.roleConfidence);
  });

  it('scores the company greeting', () => {
    const t = diarized('card-payment-pii', 'A', 'B');
    const without = agentScores(t).get('A')!;
    const withName = agentScores(t, { companyNames: ['Northwind Energy'] }).get('A')!;
    expect(withName).toBeGreaterThan(without);
  });

  it('keeps roles a reviewer set', () => {
    const t = diarized('billing-refund-good', 'A', 'B');
    const r = assignRoles({
      ...t,
      speakers: [{ id: 'B', role: 'agent', name: 'Dana', roleConfidence: 1, roleSource: 'reviewer' }],
    });
    expect(r.speakers.find((s) => s.id === 'B')).toMatchObject({ role: 'agent', roleSource: 'reviewer', name: 'Dana' });
    expect(r.speakers.find((s) => s.id === 'A')!.role).toBe('customer');
  });

  it('leaves a lone speaker with no cues unknown', () => {
    const t = diarized('billing-refund-good', 'A', 'A');
    const lone = { ...t, segments: t.segments.filter((_, i) => i % 2 === 1) };
    expect(assignRoles(lone).speakers).toEqual([{ id: 'A', role: 'unknown', name: null, roleConfidence: 0, roleSource: 'content' }]);
  });
});
